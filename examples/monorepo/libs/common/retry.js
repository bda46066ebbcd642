// Shared by api and worker (their `depends-on: [common]`): a change here releases both.
export function withRetry(fn, attempts = 3) {
  for (let i = 1; ; i++) {
    try {
      return fn();
    } catch (error) {
      if (i >= attempts) throw error;
    }
  }
}
