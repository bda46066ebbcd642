/** Calls made in the same tick of the event loop, gathered so that one git process answers them all. */

interface Waiting<In, Out> {
  input: In;
  resolve: (output: Out) => void;
  reject: (error: unknown) => void;
}

/** A function whose calls in the same tick share one `run`: it gets their inputs in call order and answers
 * each, in the same order. A failed run fails every call of its batch. */
export function batchedPerTick<In, Out>(run: (inputs: In[]) => Promise<Out[]>): (input: In) => Promise<Out> {
  let waiting: Array<Waiting<In, Out>> = [];
  const flush = async (batch: Array<Waiting<In, Out>>): Promise<void> => {
    try {
      const outputs = await run(batch.map((call) => call.input));
      batch.forEach((call, i) => call.resolve(outputs[i] as Out));
    } catch (error) {
      for (const call of batch) call.reject(error);
    }
  };
  return (input) =>
    new Promise((resolve, reject) => {
      if (waiting.length === 0) {
        queueMicrotask(() => {
          const batch = waiting;
          waiting = [];
          void flush(batch);
        });
      }
      waiting.push({ input, resolve, reject });
    });
}
