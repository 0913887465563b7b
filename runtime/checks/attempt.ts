/** One attempt of a check: a deadline, an abort signal, and cleanup however it ends. */
import { performance } from "node:perf_hooks";
import { errorText } from "./socket-errors.ts";
import type { CheckOutcome } from "./types.ts";

export interface Verdict {
  readonly ok: boolean;
  readonly detail: string;
  /** See CheckOutcome.summary. */
  readonly summary: string;
}

export const pass = (detail: string, summary: string): Verdict => ({ ok: true, detail, summary });
export const fail = (detail: string, summary: string): Verdict => ({ ok: false, detail, summary });

export interface Attempt {
  finish(verdict: Verdict): void;
  /** The verdict when the deadline passes (set as the check moves on). */
  onTimeout(verdict: () => Verdict): void;
  /** Runs when the attempt ends (at once when it already has). */
  cleanup(release: () => void): void;
}

export function attempt(timeoutMs: number, signal: AbortSignal | undefined, start: (a: Attempt) => void): Promise<CheckOutcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    const releases: Array<() => void> = [];
    let timeoutVerdict = (): Verdict => fail("timed out", "timed out");
    let settled = false;
    const release = (f: () => void): void => {
      try {
        f();
      } catch {
        // Already closed.
      }
    };
    const finish = (verdict: Verdict): void => {
      if (settled) return;
      settled = true;
      const latencyMs = performance.now() - started;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      releases.forEach(release);
      resolve({ ok: verdict.ok, latencyMs, detail: verdict.detail, summary: verdict.summary });
    };
    const onAbort = (): void => finish(fail("aborted", "aborted"));
    // The verdict waits for one poll of the event loop: a reply that came in time, while the
    // loop was busy elsewhere, is read before the deadline is declared missed.
    const timer = setTimeout(() => setImmediate(() => finish(timeoutVerdict())), timeoutMs);
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted) return finish(fail("aborted", "aborted"));
    try {
      start({
        finish,
        onTimeout: (v) => void (timeoutVerdict = v),
        cleanup: (f) => (settled ? release(f) : void releases.push(f)),
      });
    } catch (e) {
      finish(fail(`cannot check: ${errorText(e)}`, "cannot check"));
    }
  });
}
