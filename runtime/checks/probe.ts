/**
 * One health check of one real server, as nanny runs it (its `pinger` and `external_check`), in
 * this process's event loop: a TCP or UDP exchange (tcp.ts, udp.ts), or a check program
 * (program.ts). Every check ends by its deadline (`interval` seconds) whatever the server or the
 * program does, and leaves no socket, timer or process behind (attempt.ts).
 * docs/runtime-vs-nanny.md lists where the outcome differs from nanny's.
 *
 * `send` and `expect` are the lvs.cf text decoded as UTF-8 (escapes already converted); their
 * UTF-8 encoding is the bytes nanny sends and compares. Replies are compared as bytes (reply.ts).
 */
import type { CheckSettings } from "../manifest.ts";
import { cBytes } from "./bytes.ts";
import { programCheck } from "./program.ts";
import { replyJudge } from "./reply.ts";
import { tcpCheck } from "./tcp.ts";
import type { CheckOutcome, CheckTarget } from "./types.ts";
import { udpCheck } from "./udp.ts";

export interface ProbeOptions {
  /** Ends the check at once (a failure, "aborted"), killing its program if it runs one. */
  readonly signal?: AbortSignal;
}

export async function probe(settings: CheckSettings, target: CheckTarget, opts: ProbeOptions = {}): Promise<CheckOutcome> {
  const timeoutMs = Math.max(0, settings.interval) * 1000;
  const check = settings.check;
  if (check.kind === "program") return programCheck(check, target, timeoutMs, opts.signal);
  const exchange = settings.protocol === "udp" ? udpCheck : tcpCheck;
  const send = check.send === null ? null : cBytes(check.send);
  if (check.kind === "connect") return exchange(target, timeoutMs, send, null, opts.signal);
  const judge = replyJudge(check);
  if ("error" in judge) return { ok: false, latencyMs: 0, detail: judge.error, summary: "expect unusable" };
  return exchange(target, timeoutMs, send, judge, opts.signal);
}
