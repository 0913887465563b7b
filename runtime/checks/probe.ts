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
import type { CheckSettings, HealthCheck } from "../manifest.ts";
import { cBytes } from "./bytes.ts";
import { programCheck } from "./program.ts";
import { judgeMaker, type ReplyJudge } from "./reply.ts";
import { tcpCheck } from "./tcp.ts";
import type { CheckOutcome, CheckTarget } from "./types.ts";
import { udpCheck } from "./udp.ts";

export interface ProbeOptions {
  /** Ends the check at once (a failure, "aborted"), killing its program if it runs one. */
  readonly signal?: AbortSignal;
}

/** What every probe of a network check sends, and how it judges the reply: worked out once per check. */
interface Exchange {
  readonly send: Buffer | null;
  readonly judge: (() => ReplyJudge) | null | { readonly error: string };
}

const exchanges = new WeakMap<HealthCheck, Exchange>();

function exchangeOf(check: Exclude<HealthCheck, { kind: "program" }>): Exchange {
  let exchange = exchanges.get(check);
  if (!exchange) {
    exchange = { send: check.send === null ? null : cBytes(check.send), judge: check.kind === "connect" ? null : judgeMaker(check) };
    exchanges.set(check, exchange);
  }
  return exchange;
}

export function probe(settings: CheckSettings, target: CheckTarget, opts: ProbeOptions = {}): Promise<CheckOutcome> {
  const timeoutMs = Math.max(0, settings.interval) * 1000;
  const check = settings.check;
  if (check.kind === "program") return programCheck(check, target, timeoutMs, opts.signal);
  const run = settings.protocol === "udp" ? udpCheck : tcpCheck;
  const { send, judge } = exchangeOf(check);
  if (judge !== null && typeof judge !== "function") return Promise.resolve({ ok: false, latencyMs: 0, detail: judge.error, summary: "expect unusable" });
  return run(target, timeoutMs, send, judge === null ? null : judge(), opts.signal);
}
