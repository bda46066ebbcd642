// The queue worker of the example monorepo.
import { withRetry } from '../../libs/common/retry.js';

export const work = (job) => withRetry(() => job.run());
