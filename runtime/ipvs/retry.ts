/** Exponential backoff for calls that may fail for a moment (an ipvsadm racing another one). */

export interface RetryOptions {
  /** Tries in all, the first included (at least 1). */
  readonly attempts: number;
  /** The wait before the second try; each further wait doubles, up to maxMs. */
  readonly baseMs: number;
  readonly maxMs: number;
  /** Waits ms milliseconds; a timer unless a test passes its own. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Whether a failure is worth another try; every failure is, unless this says otherwise. */
  readonly retryable?: (error: unknown) => boolean;
  /** Told of each failure that is tried again, before the wait. */
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

const timer = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The wait after failed try number `attempt` (1-based): baseMs, 2·baseMs, 4·baseMs … at most maxMs. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** (attempt - 1));
}

/**
 * The result of the first try of `run` that succeeds. When every try fails, or one fails that
 * is not retryable, that try's error is thrown as it is.
 */
export async function withRetry<T>(run: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { attempts, baseMs, maxMs, sleep = timer, retryable = () => true, onRetry } = options;
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a whole number of at least 1, not ${attempts}`);
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !retryable(error)) throw error;
      const delay = backoffDelay(attempt, baseMs, maxMs);
      onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}
