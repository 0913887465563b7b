/**
 * nanny's health check of one real server as a keepalived checker: TCP_CHECK for a bare
 * connect, HTTP_GET for Piranha's web check, and MISC_CHECK running `lvs-run check` (which
 * reads the check from the manifest) for everything else.
 */
import type { CheckSettings, HealthCheck, PlanRealServer, PlanService } from "../../runtime/manifest.ts";
import { block, comment, line, scriptWord, shown, unmapped, type Item } from "./keepalived-syntax.ts";

/** Where `npm install -g lvs-toolchain` puts lvs-run, and docs/runtime.md runs it from. */
export const DEFAULT_LVS_RUN = "/usr/local/bin/lvs-run";

export interface KeepalivedOptions {
  /** Where the bundle's manifest is on the directors, for `lvs-run check`. */
  readonly manifestPath: string;
  /** The lvs-run the directors run MISC_CHECK with. */
  readonly lvsRun: string;
}

/** The largest connect_timeout and misc_timeout keepalived takes, in seconds. */
const MAX_TIMEOUT = 4294;
const HTTP_DEFAULT = { send: "GET / HTTP/1.0\r\n\r\n", expect: "HTTP" } as const;
/** HTTP_GET's status codes for "any reply that starts with HTTP". */
const ANY_STATUS = "100-599";

export type CheckerKind = "TCP_CHECK" | "HTTP_GET" | "MISC_CHECK";

/** Piranha's web check, whether nanny assumed it for port 80 or the file spells it out. */
function isHttpDefault(c: HealthCheck): boolean {
  if (c.kind === "http-default") return true;
  return c.kind === "send-expect" && !c.regex && c.send === HTTP_DEFAULT.send && c.expect === HTTP_DEFAULT.expect;
}

export function checkerKind(check: CheckSettings): CheckerKind {
  if (check.protocol === "udp") return "MISC_CHECK";
  if (isHttpDefault(check.check)) return "HTTP_GET";
  if (check.check.kind === "connect" && check.check.send === null) return "TCP_CHECK";
  return "MISC_CHECK";
}

const quoted = (text: string): string => JSON.stringify(text);

function expectation(c: Extract<HealthCheck, { kind: "send-expect" | "http-default" }>): string {
  if (c.kind === "send-expect" && c.regex) return `a reply matching the regular expression ${quoted(c.expect)}`;
  if (c.expect === "*") return "a reply of at least one byte";
  return `a reply starting ${quoted(c.expect)}`;
}

/** nanny's check in words. */
export function describeCheck(check: CheckSettings): string {
  const c = check.check;
  if (c.kind === "program") {
    const args = c.argv.map(shown).join(" ");
    return c.expect === null
      ? `runs ${args}; without expect every run counts as a failure`
      : `runs ${args} and wants it to print ${quoted(c.expect)} and a newline`;
  }
  const sends = c.send === null ? "" : `sends ${quoted(c.send)}`;
  if (check.protocol === "udp") {
    const reply = c.kind === "connect" ? "waits for a reply" : `wants ${expectation(c)}`;
    return `${sends || "sends nothing"} over UDP and ${reply}`;
  }
  if (c.kind === "connect") return sends === "" ? "connects over TCP" : `connects over TCP and ${sends} without reading a reply`;
  return `connects over TCP${sends === "" ? "" : `, ${sends}`} and wants ${expectation(c)}`;
}

const timeoutSeconds = (s: PlanService, factor: number): number => Math.min(MAX_TIMEOUT, Math.max(1, s.check.interval) * factor);

/** Comments before a service's real servers: the check, and what keepalived cannot do alike. */
export function checkNotes(s: PlanService): Item[] {
  const kind = checkerKind(s.check);
  const notes: Item[] = [comment(`nanny ${describeCheck(s.check)}`)];
  if (kind === "HTTP_GET") notes.push(comment(`HTTP_GET sends that request with Host and User-Agent headers and takes any status ${ANY_STATUS}`));
  if (kind === "MISC_CHECK") notes.push(comment(`lvs-run runs that check from the manifest; keepalived allows it ${timeoutSeconds(s, 2)} s (twice timeout)`));
  if (kind === "MISC_CHECK" && s.check.check.kind === "program") {
    notes.push(
      unmapped(`send_program: nanny waits for the program however long it runs; keepalived stops it after ${timeoutSeconds(s, 2)} s and counts a failure`),
    );
  }
  if (s.check.interval > MAX_TIMEOUT) notes.push(unmapped(`timeout = ${s.check.interval}: keepalived's connect and script timeouts stop at ${MAX_TIMEOUT} s`));
  const successes = s.check.interval > 0 ? Math.floor(s.check.reentry / s.check.interval) : 0;
  if (successes > 1) {
    notes.push(unmapped(`reentry = ${s.check.reentry}: nanny takes a failed server back after ${successes} successful checks in a row; keepalived after one`));
  }
  if (s.check.loadMonitor !== null) {
    notes.push(unmapped(`load_monitor: nanny scales weights by the load ${s.check.loadMonitor.map(shown).join(" ")} reports; keepalived keeps them fixed`));
  }
  return notes;
}

function miscCheck(s: PlanService, rs: PlanRealServer, options: KeepalivedOptions, retry: Item): Item {
  const argv = [options.lvsRun, "check", "--manifest", options.manifestPath, "--service", s.key, "--server", `${rs.address}:${rs.port}`];
  const word = scriptWord(argv, "misc_path");
  if (word === null)
    return unmapped(`the lvs-run command for ${rs.address}:${rs.port} does not fit on a keepalived line; keepalived does not check the server`);
  return block("MISC_CHECK", [line(`misc_path ${word}`), line(`misc_timeout ${timeoutSeconds(s, 2)}`), retry]);
}

/**
 * The checker block of one real server. `connectPort` is set when the checked port is not the
 * one on the real_server line (direct routing and tunnelling keep the service's port there).
 */
export function checker(s: PlanService, rs: PlanRealServer, connectPort: number | null, options: KeepalivedOptions): Item {
  const kind = checkerKind(s.check);
  // nanny takes a server down at its first failed check.
  const retry = line("retry 0");
  if (kind === "MISC_CHECK") return miscCheck(s, rs, options, retry);
  const connection = [...(connectPort === null ? [] : [line(`connect_port ${connectPort}`)]), line(`connect_timeout ${timeoutSeconds(s, 1)}`), retry];
  if (kind === "TCP_CHECK") return block(kind, connection);
  return block(kind, [block("url", [line("path /"), line(`status_code ${ANY_STATUS}`)]), ...connection]);
}
