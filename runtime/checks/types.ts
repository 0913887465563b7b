/** One health check of one real server, as nanny runs it, and its outcome. */

export interface CheckTarget {
  readonly address: string;
  readonly port: number;
}

export interface CheckOutcome {
  readonly ok: boolean;
  /** Milliseconds from the start of the check to its outcome. */
  readonly latencyMs: number;
  /** One line for the log: what was seen (`connect refused`, `read timed out`, `reply "HTTP/1.0 200"`). */
  readonly detail: string;
  /**
   * A few fixed words for who may not see the check's settings (the status page, the status
   * JSON): never the bytes sent or expected, a reply, or a program's name or arguments.
   */
  readonly summary: string;
}
