// A queue per key, in memory: the steps of one call in this process, in arrival order.

/** Runs tasks with the same key one after another (in this process), tasks with different keys freely. */
export function serialisedByKey() {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    // Earlier tails never reject (see below), so the task runs once the call's previous step settled.
    const result = (tails.get(key) ?? Promise.resolve()).then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    // The map only holds calls with a step in flight.
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
}
