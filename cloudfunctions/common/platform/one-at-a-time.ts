/**
 * Runs calls with the same key one after another within this function instance. In the cloud
 * an instance usually serves one call at a time and this costs nothing; where one process
 * serves many calls at once (the local host, an instance with concurrency) same-key calls
 * then wait for each other instead of racing. Correctness never rests on it: the database
 * rules (unique ids, conditional updates, transactions) hold across instances.
 */
const tails = new Map<string, Promise<unknown>>();

export function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  // Tests and benches switch queueing off to show that the database rules alone keep counts exact.
  if (process.env.DOORSTEP_QUEUES === 'off') return work();
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(work, work);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}

/** Keys with calls running or waiting (tests check that nothing is left behind). */
export function keysInFlight(): number {
  return tails.size;
}
