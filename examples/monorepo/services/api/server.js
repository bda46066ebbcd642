// The api service of the example monorepo (a stand-in: the simulated fleet never runs it).
import { withRetry } from '../../libs/common/retry.js';

export const handle = (request) => withRetry(() => ({ status: 200, body: `hello ${request.user}` }));
