/**
 * `read`, run at most once per `maxAgeMs`: a caller within that time of the last result gets it
 * again, and callers while a run is under way share that run.
 */
export function freshWithin<T>(maxAgeMs: number, read: () => Promise<T>, now: () => number = Date.now): () => Promise<T> {
  let last: { value: T; at: number } | null = null;
  let pending: Promise<T> | null = null;
  return () => {
    if (last && now() - last.at < maxAgeMs) return Promise.resolve(last.value);
    pending ??= read().then(
      (value) => {
        last = { value, at: now() };
        pending = null;
        return value;
      },
      (e: unknown) => {
        pending = null;
        throw e;
      },
    );
    return pending;
  };
}
