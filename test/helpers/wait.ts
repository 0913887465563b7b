/** Waiting in tests: a pause, and a poll until a condition holds. */

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `ok` until it holds; the milliseconds that took. Throws, with `explain()`, after `timeoutMs`. */
export async function waitFor(what: string, ok: () => boolean, timeoutMs = 6000, explain: () => string = () => ""): Promise<number> {
  const start = performance.now();
  while (!ok()) {
    if (performance.now() - start > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms\n${explain()}`);
    await sleep(10);
  }
  return performance.now() - start;
}
