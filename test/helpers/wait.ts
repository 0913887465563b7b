/** Waiting in tests: a pause, and a poll until a condition holds. */

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `ok` until it holds; the milliseconds that took. Throws, with `explain()`, after
 * `timeoutMs`. A condition that must be awaited (a request) is asked every 100 ms.
 */
export async function waitFor(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 6000, explain: () => string = () => ""): Promise<number> {
  const start = performance.now();
  for (;;) {
    const answer = ok();
    if (typeof answer === "boolean" ? answer : await answer) return performance.now() - start;
    if (performance.now() - start > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms\n${explain()}`);
    await sleep(typeof answer === "boolean" ? 10 : 100);
  }
}
