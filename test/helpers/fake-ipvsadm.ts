/**
 * A fake ipvsadm for tests: the IPVS table lives in a JSON file, each command is checked against
 * ipvsadm's option rules and the kernel's (exit 2 for a command ipvsadm refuses, 1 for one the
 * kernel refuses, with their messages), and `-S -n` / `-L -n` print as ipvsadm 1.31 does.
 *
 * `runFakeIpvsadm` is the whole program as a pure function of the arguments and the table, for
 * tests that run many commands. `createFakeIpvsadm(dir)` writes an executable into `dir`
 * (this module bundled with esbuild, run by node) for tests that run ipvsadm as a program.
 *
 * The program reads its environment:
 * - `FAKE_IPVSADM_STATE`: the table (JSON); a missing file is an empty table;
 * - `FAKE_IPVSADM_LOG`: every invocation is appended as one JSON array of its arguments (with
 *   `-R`, that and then each command read from standard input);
 * - `FAKE_IPVSADM_FAIL`: a regular expression; a command whose arguments (joined by spaces)
 *   match it fails (exit 1) once per line of the file `FAKE_IPVSADM_FAIL_COUNT`, each failure
 *   taking one line, or always when that variable is not set.
 *
 * Stricter than ipvsadm: numeric IPv4 addresses only (no host or service names, no IPv6), `-t`
 * and `-u` need a port, and options this project never uses (`-o`, `--pe`, `-b`, `--tun-*`, `-c`,
 * `--rate` …) are refused as unsupported; `--stats` prints counters of 0. Tunnelling destinations
 * print without `--tun-type`.
 */
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { ForwardingMethod } from "../../runtime/manifest.ts";
import type { IpvsTable } from "../../runtime/ipvs/types.ts";

export interface FakeDestination {
  readonly address: string;
  readonly port: number;
  readonly method: ForwardingMethod;
  readonly weight: number;
  readonly activeConn: number;
  readonly inactConn: number;
}

export interface FakeService {
  /** `tcp:VIP:PORT`, `udp:VIP:PORT` or `fwmark:MARK`. */
  readonly key: string;
  readonly scheduler: string;
  readonly persistence: number | null;
  /** As the kernel keeps it, also without persistence (when ipvsadm does not print it). */
  readonly pmask: string;
  readonly destinations: readonly FakeDestination[];
}

export interface FakeDaemon {
  readonly state: "master" | "backup";
  readonly mcastInterface: string;
  readonly syncId: number;
}

export interface FakeState {
  readonly services: readonly FakeService[];
  readonly timeouts: { readonly tcp: number; readonly tcpfin: number; readonly udp: number };
  readonly daemons: readonly FakeDaemon[];
}

export interface FakeResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The table after the command; the same object when nothing changed. */
  readonly state: FakeState;
}

export const SCHEDULERS: readonly string[] = ["rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh", "twos"];

const FULL_MASK = "255.255.255.255";
const DEFAULT_SCHEDULER = "wlc";
const DEFAULT_PERSISTENCE = 360;
const MAX_TIMEOUT = 86400 * 31;
const STALE_LOCK_MS = 10_000;

export function emptyState(): FakeState {
  return { services: [], timeouts: { tcp: 900, tcpfin: 120, udp: 300 }, daemons: [] };
}

// ---------------------------------------------------------------------------------------------
// Options

type Command = "add-service" | "edit-service" | "delete-service" | "flush" | "list" | "add-server" | "delete-server" | "edit-server" | "set" | "start-daemon" | "stop-daemon" | "save" | "zero";
type Option = "numeric" | "service-address" | "scheduler" | "persistent" | "netmask" | "real-server" | "forwarding-method" | "weight" | "u-threshold" | "l-threshold" | "mcast-interface" | "syncid" | "timeout" | "daemon" | "stats" | "exact";

type Spec =
  | { readonly command: Command; readonly value?: "required" }
  | { readonly option: Option; readonly value: "none" | "required" | "optional"; readonly tag?: string }
  | { readonly unsupported: true; readonly value: "none" | "required" };

const SHORT: Readonly<Record<string, Spec>> = {
  A: { command: "add-service" },
  E: { command: "edit-service" },
  D: { command: "delete-service" },
  C: { command: "flush" },
  L: { command: "list" },
  l: { command: "list" },
  Z: { command: "zero" },
  a: { command: "add-server" },
  e: { command: "edit-server" },
  d: { command: "delete-server" },
  S: { command: "save" },
  t: { option: "service-address", value: "required", tag: "tcp" },
  u: { option: "service-address", value: "required", tag: "udp" },
  f: { option: "service-address", value: "required", tag: "fwmark" },
  s: { option: "scheduler", value: "required" },
  p: { option: "persistent", value: "optional" },
  M: { option: "netmask", value: "required" },
  r: { option: "real-server", value: "required" },
  m: { option: "forwarding-method", value: "none", tag: "nat" },
  g: { option: "forwarding-method", value: "none", tag: "direct" },
  i: { option: "forwarding-method", value: "none", tag: "tunnel" },
  w: { option: "weight", value: "required" },
  x: { option: "u-threshold", value: "required" },
  y: { option: "l-threshold", value: "required" },
  n: { option: "numeric", value: "none" },
  R: { unsupported: true, value: "none" },
  h: { unsupported: true, value: "none" },
  v: { unsupported: true, value: "none" },
  c: { unsupported: true, value: "none" },
  X: { option: "exact", value: "none" },
  o: { unsupported: true, value: "none" },
  "6": { unsupported: true, value: "none" },
  b: { unsupported: true, value: "required" },
};

const LONG: Readonly<Record<string, Spec>> = {
  "add-service": SHORT.A!,
  "edit-service": SHORT.E!,
  "delete-service": SHORT.D!,
  clear: SHORT.C!,
  list: SHORT.L!,
  zero: SHORT.Z!,
  "add-server": SHORT.a!,
  "edit-server": SHORT.e!,
  "delete-server": SHORT.d!,
  save: SHORT.S!,
  set: { command: "set" },
  "start-daemon": { command: "start-daemon", value: "required" },
  "stop-daemon": { command: "stop-daemon", value: "required" },
  "tcp-service": SHORT.t!,
  "udp-service": SHORT.u!,
  "fwmark-service": SHORT.f!,
  scheduler: SHORT.s!,
  persistent: SHORT.p!,
  netmask: SHORT.M!,
  "real-server": SHORT.r!,
  masquerading: SHORT.m!,
  gatewaying: SHORT.g!,
  ipip: SHORT.i!,
  weight: SHORT.w!,
  "u-threshold": SHORT.x!,
  "l-threshold": SHORT.y!,
  numeric: SHORT.n!,
  "mcast-interface": { option: "mcast-interface", value: "required" },
  syncid: { option: "syncid", value: "required" },
  timeout: { option: "timeout", value: "none" },
  daemon: { option: "daemon", value: "none" },
  restore: SHORT.R!,
  help: SHORT.h!,
  version: SHORT.v!,
  connection: SHORT.c!,
  exact: SHORT.X!,
  ops: SHORT.o!,
  ipv6: SHORT["6"]!,
  "sched-flags": SHORT.b!,
  "sctp-service": { unsupported: true, value: "required" },
  pe: { unsupported: true, value: "required" },
  stats: { option: "stats", value: "none" },
  rate: { unsupported: true, value: "none" },
  thresholds: { unsupported: true, value: "none" },
  "persistent-conn": { unsupported: true, value: "none" },
  nosort: { unsupported: true, value: "none" },
  sort: { unsupported: true, value: "none" },
  "tun-info": { unsupported: true, value: "none" },
  "tun-type": { unsupported: true, value: "required" },
  "tun-port": { unsupported: true, value: "required" },
  "tun-nocsum": { unsupported: true, value: "none" },
  "tun-csum": { unsupported: true, value: "none" },
  "tun-remcsum": { unsupported: true, value: "none" },
  "mcast-group": { unsupported: true, value: "required" },
  "mcast-port": { unsupported: true, value: "required" },
  "mcast-ttl": { unsupported: true, value: "required" },
  "sync-maxlen": { unsupported: true, value: "required" },
};

/** What each command needs and takes besides (ipvsadm's commands_v_options, in short). */
const RULES: Readonly<Record<Command, { readonly required: readonly Option[]; readonly allowed: readonly Option[]; readonly exclusive?: readonly Option[] }>> = {
  "add-service": { required: ["service-address"], allowed: ["scheduler", "persistent", "netmask"] },
  "edit-service": { required: ["service-address"], allowed: ["scheduler", "persistent", "netmask"] },
  "delete-service": { required: ["service-address"], allowed: [] },
  flush: { required: [], allowed: [] },
  list: { required: [], allowed: ["numeric", "service-address", "timeout", "daemon", "stats", "exact"], exclusive: ["service-address", "timeout", "daemon"] },
  "add-server": { required: ["service-address", "real-server"], allowed: ["forwarding-method", "weight", "u-threshold", "l-threshold"] },
  "edit-server": { required: ["service-address", "real-server"], allowed: ["forwarding-method", "weight", "u-threshold", "l-threshold"] },
  "delete-server": { required: ["service-address", "real-server"], allowed: [] },
  set: { required: [], allowed: [] },
  "start-daemon": { required: [], allowed: ["mcast-interface", "syncid"] },
  "stop-daemon": { required: [], allowed: ["syncid"] },
  save: { required: [], allowed: ["numeric"] },
  zero: { required: [], allowed: ["service-address"] },
};

/** A command ipvsadm (exit 2) or the kernel (exit 1) refuses. */
class Refused extends Error {
  constructor(
    message: string,
    readonly status: 1 | 2,
  ) {
    super(message);
  }
}

const usage = (message: string): Refused => new Refused(message, 2);
const kernel = (message: string): Refused => new Refused(message, 1);

interface Parsed {
  command: Command | null;
  commandValue: string | null;
  options: Map<Option, { value: string | null; tag: string | undefined }>;
  positional: string[];
}

/** Grouped short options (`-Ln`, `-w5`) as separate words, as popt reads them. */
function expandShort(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    if (!/^-[^-]./.test(arg)) {
      out.push(arg);
      continue;
    }
    for (let i = 1; i < arg.length; i++) {
      const spec = Object.hasOwn(SHORT, arg[i]!) ? SHORT[arg[i]!] : undefined;
      out.push(`-${arg[i]}`);
      if (spec && spec.value === "required" && i + 1 < arg.length) {
        out.push(arg.slice(i + 1));
        break;
      }
    }
  }
  return out;
}

function parseArgs(args: readonly string[]): Parsed {
  const words = expandShort(args);
  const parsed: Parsed = { command: null, commandValue: null, options: new Map(), positional: [] };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    let spec: Spec | undefined;
    let inline: string | null = null;
    if (word.startsWith("--") && word.length > 2) {
      const eq = word.indexOf("=");
      const name = eq < 0 ? word.slice(2) : word.slice(2, eq);
      if (eq >= 0) inline = word.slice(eq + 1);
      spec = Object.hasOwn(LONG, name) ? LONG[name] : undefined;
    } else if (/^-.$/.test(word)) {
      spec = Object.hasOwn(SHORT, word[1]!) ? SHORT[word[1]!] : undefined;
    } else {
      parsed.positional.push(word);
      continue;
    }
    if (!spec) throw usage(`invalid option \`${word}'`);
    if ("unsupported" in spec) throw usage(`option \`${word}' is not supported by this fake ipvsadm`);
    let value: string | null = inline;
    if (value === null && spec.value === "required") {
      const next = words[i + 1];
      if (next === undefined) throw usage(`${word}: missing argument`);
      value = next;
      i++;
    } else if (value === null && spec.value === "optional") {
      const next = words[i + 1];
      if (next !== undefined && !next.startsWith("-")) {
        value = next;
        i++;
      }
    }
    if ("command" in spec) {
      if (parsed.command !== null) throw usage("multiple commands specified");
      parsed.command = spec.command;
      parsed.commandValue = value;
    } else {
      if (parsed.options.has(spec.option)) throw usage(`multiple '${spec.option}' options specified`);
      parsed.options.set(spec.option, { value, tag: spec.tag });
    }
  }
  return parsed;
}

function checkOptions(parsed: Parsed): void {
  const command = parsed.command!;
  const rules = RULES[command];
  for (const option of parsed.options.keys()) {
    if (!rules.required.includes(option) && !rules.allowed.includes(option)) throw usage(`Illegal '${option}' option with the '${command}' command`);
  }
  for (const option of rules.required) {
    if (!parsed.options.has(option)) throw usage(`You need to supply the '${option}' option for the '${command}' command`);
  }
  const exclusive = (rules.exclusive ?? []).filter((o) => parsed.options.has(o));
  if (exclusive.length > 1) throw usage(`The option '${exclusive[1]}' conflicts with the '${exclusive[0]}' option in the '${command}' command`);
  if (command !== "set" && parsed.positional.length > 0) throw usage(`unexpected argument ${parsed.positional[0]}`);
}

// ---------------------------------------------------------------------------------------------
// Values

const OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
const IPV4 = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/** `ADDR:PORT` (or `ADDR` when the port may be left out); null when it is not one. */
function addressAndPort(text: string, portOptional: boolean): { address: string; port: number | null } | null {
  const colon = text.lastIndexOf(":");
  const address = colon < 0 ? text : text.slice(0, colon);
  if (!IPV4.test(address)) return null;
  if (colon < 0) return portOptional ? { address, port: null } : null;
  const port = wholeNumber(text.slice(colon + 1), 0, 65535);
  return port === null ? null : { address, port };
}

interface ServiceId {
  readonly key: string;
  readonly fwmark: boolean;
  readonly port: number;
}

function serviceId(option: { value: string | null; tag: string | undefined }): ServiceId {
  const value = option.value ?? "";
  if (option.tag === "fwmark") {
    const mark = wholeNumber(value, 1, 0xffffffff);
    if (mark === null) throw usage(`invalid fwmark value \`${value}' specified`);
    return { key: `fwmark:${mark}`, fwmark: true, port: 0 };
  }
  const ap = addressAndPort(value, false);
  if (!ap) throw usage("illegal virtual server address[:port] specified");
  return { key: `${option.tag}:${ap.address}:${ap.port}`, fwmark: false, port: ap.port! };
}

/** The parts of a service key, for sorting and printing. */
function keyParts(key: string): { kind: string; address: string; port: number; mark: number } {
  const [kind, ...rest] = key.split(":");
  if (kind === "fwmark") return { kind, address: "", port: 0, mark: Number(rest[0]) };
  return { kind: kind!, address: rest[0] ?? "", port: Number(rest[1]), mark: 0 };
}

const addressNumber = (address: string): number => address.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
const PROTOCOL_NUMBER: Readonly<Record<string, number>> = { tcp: 6, udp: 17 };

/** ipvsadm's order (ipvs_cmp_services): addresses before marks; protocol, address, port. */
function compareServices(a: FakeService, b: FakeService): number {
  const x = keyParts(a.key);
  const y = keyParts(b.key);
  return x.mark - y.mark || (PROTOCOL_NUMBER[x.kind] ?? 0) - (PROTOCOL_NUMBER[y.kind] ?? 0) || addressNumber(x.address) - addressNumber(y.address) || x.port - y.port;
}

function compareDestinations(a: FakeDestination, b: FakeDestination): number {
  return addressNumber(a.address) - addressNumber(b.address) || a.port - b.port;
}

// ---------------------------------------------------------------------------------------------
// Printing

const METHOD_FLAG: Readonly<Record<ForwardingMethod, string>> = { nat: "-m", direct: "-g", tunnel: "-i" };
const METHOD_NAME: Readonly<Record<ForwardingMethod, string>> = { nat: "Masq", direct: "Route", tunnel: "Tunnel" };

function savedServiceName(key: string): string {
  const p = keyParts(key);
  return p.kind === "fwmark" ? `-f ${p.mark}` : `${p.kind === "udp" ? "-u" : "-t"} ${p.address}:${p.port}`;
}

function listedServiceName(key: string): string {
  const p = keyParts(key);
  return p.kind === "fwmark" ? `FWM  ${p.mark}` : `${p.kind.toUpperCase().padEnd(4)} ${p.address}:${p.port}`;
}

function printSaved(services: readonly FakeService[]): string {
  const lines: string[] = [];
  for (const s of [...services].sort(compareServices)) {
    const name = savedServiceName(s.key);
    let line = `-A ${name} -s ${s.scheduler}`;
    if (s.persistence !== null) {
      line += ` -p ${s.persistence}`;
      if (s.pmask !== FULL_MASK) line += ` -M ${s.pmask}`;
    }
    lines.push(line);
    for (const d of [...s.destinations].sort(compareDestinations)) lines.push(`-a ${name} -r ${d.address}:${d.port} ${METHOD_FLAG[d.method]} -w ${d.weight}`);
  }
  return lines.map((l) => `${l}\n`).join("");
}

const LIST_TITLE = "Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n";

function printListed(services: readonly FakeService[], version: boolean): string {
  let out = version ? "IP Virtual Server version 1.2.1 (size=4096)\n" : "";
  out += LIST_TITLE;
  for (const s of [...services].sort(compareServices)) {
    out += `${listedServiceName(s.key)} ${s.scheduler}`;
    if (s.persistence !== null) {
      out += ` persistent ${s.persistence}`;
      if (s.pmask !== FULL_MASK) out += ` mask ${s.pmask}`;
    }
    out += "\n";
    for (const d of [...s.destinations].sort(compareDestinations)) {
      out += `  -> ${`${d.address}:${d.port}`.padEnd(28)} ${METHOD_NAME[d.method].padEnd(7)} ${String(d.weight).padEnd(6)} ${String(d.activeConn).padEnd(10)} ${String(d.inactConn).padEnd(10)}\n`;
    }
  }
  return out;
}

/** `-L -n --stats --exact`: the counters, which stand at 0 here (no packet passes a fake table). */
function printStats(services: readonly FakeService[], version: boolean): string {
  let out = version ? "IP Virtual Server version 1.2.1 (size=4096)\n" : "";
  out += "Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n  -> RemoteAddress:Port\n";
  const zeros = ["0", "0", "0", "0", "0"].map((n) => n.padStart(8)).join(" ");
  for (const s of [...services].sort(compareServices)) {
    out += `${listedServiceName(s.key).padEnd(33)} ${zeros}\n`;
    for (const d of [...s.destinations].sort(compareDestinations)) out += `  -> ${`${d.address}:${d.port}`.padEnd(28)} ${zeros}\n`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Commands

function withService(state: FakeState, key: string, change: (s: FakeService) => FakeService | null): FakeState {
  const services: FakeService[] = [];
  for (const s of state.services) {
    if (s.key !== key) services.push(s);
    else {
      const changed = change(s);
      if (changed) services.push(changed);
    }
  }
  return { ...state, services };
}

function serviceSettings(parsed: Parsed, id: ServiceId): Pick<FakeService, "scheduler" | "persistence" | "pmask"> {
  const scheduler = parsed.options.get("scheduler")?.value ?? DEFAULT_SCHEDULER;
  const p = parsed.options.get("persistent");
  let persistence: number | null = null;
  if (p) {
    persistence = p.value === null ? DEFAULT_PERSISTENCE : wholeNumber(p.value, 1, MAX_TIMEOUT);
    if (persistence === null) throw usage(`invalid timeout value \`${p.value}' specified`);
  }
  const mask = parsed.options.get("netmask")?.value ?? FULL_MASK;
  if (!IPV4.test(mask)) throw usage("illegal virtual server persistent mask specified");
  if (!id.fwmark && id.port === 0 && persistence === null) throw usage("Zero port specified for non-persistent service");
  return { scheduler, persistence, pmask: mask };
}

function knownScheduler(name: string): void {
  if (!SCHEDULERS.includes(name)) throw kernel("Scheduler or persistence engine not found");
}

function destinationSettings(parsed: Parsed, id: ServiceId, forDelete: boolean): { address: string; port: number; method: ForwardingMethod; weight: number } {
  const server = parsed.options.get("real-server")!.value ?? "";
  const ap = addressAndPort(server, true);
  if (!ap) throw usage("illegal real server address[:port] specified");
  const method = (parsed.options.get("forwarding-method")?.tag ?? "direct") as ForwardingMethod;
  const weightText = parsed.options.get("weight")?.value;
  const weight = weightText === undefined || weightText === null ? 1 : wholeNumber(weightText, 0, 65535);
  if (weight === null) throw usage("illegal weight specified");
  for (const threshold of ["u-threshold", "l-threshold"] as const) {
    const t = parsed.options.get(threshold)?.value;
    if (t !== undefined && (t === null || wholeNumber(t, 0, 2147483647) === null)) throw usage(`illegal ${threshold.replace("-", "_")} specified`);
  }
  let port = ap.port ?? id.port;
  // The kernel sends direct-routed and tunnelled packets to the port the client asked for.
  if (!forDelete && !id.fwmark && method !== "nat") port = id.port;
  return { address: ap.address, port, method, weight };
}

function execute(parsed: Parsed, state: FakeState): { stdout: string; state: FakeState } {
  const command = parsed.command!;
  const svcOption = parsed.options.get("service-address");
  const id = svcOption ? serviceId(svcOption) : null;
  const existing = id ? state.services.find((s) => s.key === id.key) : undefined;
  const unchanged = { stdout: "", state };
  switch (command) {
    case "save":
      return { stdout: printSaved(state.services), state };
    case "list": {
      if (parsed.options.has("timeout")) return { stdout: `Timeout (tcp tcpfin udp): ${state.timeouts.tcp} ${state.timeouts.tcpfin} ${state.timeouts.udp}\n`, state };
      if (parsed.options.has("daemon")) return { stdout: state.daemons.map((d) => `${d.state} sync daemon (mcast=${d.mcastInterface}, syncid=${d.syncId})\n`).join(""), state };
      if (id && !existing) throw kernel("No such service");
      if (parsed.options.has("stats")) return { stdout: printStats(existing ? [existing] : state.services, !existing), state };
      return { stdout: printListed(existing ? [existing] : state.services, !existing), state };
    }
    case "flush":
      return { stdout: "", state: { ...state, services: [] } };
    case "zero":
      if (id && !existing) throw kernel("No such service");
      return unchanged;
    case "set": {
      if (parsed.positional.length !== 3) throw usage("--set option requires 3 timeout values");
      const [tcp, tcpfin, udp] = parsed.positional.map((v) => {
        const n = wholeNumber(v, 0, MAX_TIMEOUT);
        if (n === null) throw usage(`invalid timeout value \`${v}' specified`);
        return n;
      }) as [number, number, number];
      const t = state.timeouts;
      return { stdout: "", state: { ...state, timeouts: { tcp: tcp || t.tcp, tcpfin: tcpfin || t.tcpfin, udp: udp || t.udp } } };
    }
    case "start-daemon":
    case "stop-daemon": {
      const role = parsed.commandValue;
      if (role !== "master" && role !== "backup") throw usage(`illegal ${command} parameter specified`);
      const syncText = parsed.options.get("syncid")?.value;
      const syncId = syncText === undefined || syncText === null ? 255 : wholeNumber(syncText, 0, 255);
      if (syncId === null) throw usage("illegal syncid specified");
      const running = state.daemons.some((d) => d.state === role);
      if (command === "start-daemon") {
        if (running) throw kernel("Daemon has already run");
        const mcastInterface = parsed.options.get("mcast-interface")?.value ?? "eth0";
        return { stdout: "", state: { ...state, daemons: [...state.daemons, { state: role, mcastInterface, syncId }] } };
      }
      if (!running) throw kernel("No daemon is running");
      return { stdout: "", state: { ...state, daemons: state.daemons.filter((d) => d.state !== role) } };
    }
    case "add-service": {
      const settings = serviceSettings(parsed, id!);
      if (existing) throw kernel("Service already exists");
      knownScheduler(settings.scheduler);
      return { stdout: "", state: { ...state, services: [...state.services, { key: id!.key, ...settings, destinations: [] }] } };
    }
    case "edit-service": {
      const settings = serviceSettings(parsed, id!);
      if (!existing) throw kernel("No such service");
      knownScheduler(settings.scheduler);
      return { stdout: "", state: withService(state, id!.key, (s) => ({ ...s, ...settings })) };
    }
    case "delete-service":
      if (!existing) throw kernel("No such service");
      return { stdout: "", state: withService(state, id!.key, () => null) };
    case "add-server":
    case "edit-server":
    case "delete-server": {
      const d = destinationSettings(parsed, id!, command === "delete-server");
      if (!existing) throw kernel("Service not defined");
      const present = existing.destinations.find((x) => x.address === d.address && x.port === d.port);
      if (command === "add-server" && present) throw kernel("Destination already exists");
      if (command !== "add-server" && !present) throw kernel("No such destination");
      const others = existing.destinations.filter((x) => x !== present);
      const destinations = command === "add-server" ? [...existing.destinations, { ...d, activeConn: 0, inactConn: 0 }] : command === "edit-server" ? existing.destinations.map((x) => (x === present ? { ...x, method: d.method, weight: d.weight } : x)) : others;
      return { stdout: "", state: withService(state, id!.key, (s) => ({ ...s, destinations })) };
    }
  }
}

/** One run of ipvsadm with `args` (without the program) against `state`. */
export function runFakeIpvsadm(args: readonly string[], state: FakeState): FakeResult {
  try {
    const parsed = parseArgs(args);
    if (parsed.command === null) {
      if (args.length === 0) return { status: 0, stdout: printListed(state.services, true), stderr: "", state };
      throw usage("Try `ipvsadm -h' or 'ipvsadm --help' for more information.");
    }
    checkOptions(parsed);
    const { stdout, state: next } = execute(parsed, state);
    return { status: 0, stdout, stderr: "", state: next };
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    return { status: error.status, stdout: "", stderr: `${error.message}\n`, state };
  }
}

// ---------------------------------------------------------------------------------------------
// Tables

/** The table a state holds, in the order `ipvsadm -S` prints it. */
export function tableOf(state: FakeState): IpvsTable {
  const services = [...state.services].sort(compareServices);
  return {
    services: services.map((s) => ({ key: s.key, scheduler: s.scheduler, persistence: s.persistence, pmask: s.persistence === null || s.pmask === FULL_MASK ? null : s.pmask })),
    destinations: services.flatMap((s) => [...s.destinations].sort(compareDestinations).map((d) => ({ service: s.key, address: d.address, port: d.port, method: d.method, weight: d.weight }))),
  };
}

/** A state holding `table` (no connections), taken as given: tests seed what they like. */
export function stateOf(table: IpvsTable, base: FakeState = emptyState()): FakeState {
  const byService = new Map<string, FakeDestination[]>();
  for (const d of table.destinations) {
    const list = byService.get(d.service) ?? [];
    list.push({ address: d.address, port: d.port, method: d.method, weight: d.weight, activeConn: 0, inactConn: 0 });
    byService.set(d.service, list);
  }
  return {
    ...base,
    services: table.services.map((s) => ({ key: s.key, scheduler: s.scheduler, persistence: s.persistence, pmask: s.pmask ?? FULL_MASK, destinations: byService.get(s.key) ?? [] })),
  };
}

function readState(path: string): FakeState {
  if (!existsSync(path)) return emptyState();
  return { ...emptyState(), ...(JSON.parse(readFileSync(path, "utf8")) as Partial<FakeState>) };
}

function writeState(path: string, state: FakeState): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 1)}\n`);
  renameSync(tmp, path);
}

const pause = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

/** Runs `body` holding a lock beside the state file, as the kernel serialises table changes. */
function locked<T>(statePath: string, body: () => T): T {
  const lock = `${statePath}.lock`;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const held = statSync(lock, { throwIfNoEntry: false });
      // A lock this old belongs to a run that was killed.
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmSync(lock, { force: true, recursive: true });
      pause(2);
    }
  }
  try {
    return body();
  } finally {
    rmSync(lock, { force: true, recursive: true });
  }
}

/** Takes one line of the counter file; false when there is none left. */
function takeFailure(counterPath: string | undefined): boolean {
  if (counterPath === undefined) return true;
  if (!existsSync(counterPath)) return false;
  const lines = readFileSync(counterPath, "utf8").split("\n").filter((l) => l !== "");
  if (lines.length === 0) return false;
  writeFileSync(counterPath, lines.slice(1).map((l) => `${l}\n`).join(""));
  return true;
}

export interface FakeDefaults {
  readonly state: string;
  readonly log: string;
  readonly failCount: string;
  /** Holds the regular expression when `FAKE_IPVSADM_FAIL` is not set. */
  readonly failRegexFile: string;
}

/** The program: arguments from argv, files from the environment (or `defaults`). */
export function main(defaults?: FakeDefaults): void {
  const env = process.env;
  const statePath = env.FAKE_IPVSADM_STATE || defaults?.state;
  if (!statePath) {
    process.stderr.write("FAKE_IPVSADM_STATE is not set\n");
    process.exitCode = 2;
    return;
  }
  const args = process.argv.slice(2);
  // -R: each line of standard input is one command; like ipvsadm, a failed line is reported and
  // the next one runs, and the exit status is the last line's.
  const restore = args.length === 1 && (args[0] === "-R" || args[0] === "--restore");
  const commands = restore
    ? readFileSync(0, "utf8")
        .split("\n")
        .map((line) => line.trim().split(/\s+/).filter(Boolean))
        .map((words) => (words[0] === "ipvsadm" ? words.slice(1) : words))
        .filter((words) => words.length > 0)
    : [args];
  const result = locked(statePath, () => {
    const logPath = env.FAKE_IPVSADM_LOG || defaults?.log;
    let failPattern = env.FAKE_IPVSADM_FAIL;
    if (failPattern === undefined && defaults && existsSync(defaults.failRegexFile)) failPattern = readFileSync(defaults.failRegexFile, "utf8").trim() || undefined;
    if (logPath && restore) appendFileSync(logPath, `${JSON.stringify(args)}\n`);
    let state = readState(statePath);
    const before = state;
    const out = { status: 0, stdout: "", stderr: "" };
    for (const command of commands) {
      if (logPath) appendFileSync(logPath, `${JSON.stringify(command)}\n`);
      if (failPattern !== undefined && new RegExp(failPattern).test(command.join(" ")) && takeFailure(env.FAKE_IPVSADM_FAIL_COUNT || defaults?.failCount)) {
        out.status = 1;
        out.stderr += "Resource temporarily unavailable (FAKE_IPVSADM_FAIL)\n";
        continue;
      }
      const run = runFakeIpvsadm(command, state);
      state = run.state;
      out.status = run.status;
      out.stdout += run.stdout;
      out.stderr += run.stderr;
    }
    if (state !== before) writeState(statePath, state);
    return out;
  });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.status;
}

// ---------------------------------------------------------------------------------------------
// The executable

export interface FakeIpvsadm {
  /** The executable (`DIR/ipvsadm`); the files below are its defaults. */
  readonly path: string;
  readonly statePath: string;
  readonly logPath: string;
  /** The table it holds, in the order `ipvsadm -S` prints it. */
  state(): IpvsTable;
  /** Replaces the table (connection counts start at 0). */
  seed(table: IpvsTable): void;
  /** Sets the counts `ipvsadm -L -n` shows for one destination. */
  setConnections(service: string, address: string, port: number, active: number, inactive: number): void;
  /** The arguments of every invocation so far, oldest first. */
  log(): string[][];
  /** Makes the next `times` commands matching `pattern` fail (exit 1). */
  failNext(pattern: string | RegExp, times: number): void;
}

const SELF = fileURLToPath(import.meta.url);

/** Writes the fake into `dir` (created when missing): `DIR/ipvsadm`, run by this node. */
export function createFakeIpvsadm(dir: string): FakeIpvsadm {
  const root = resolve(dir);
  mkdirSync(root, { recursive: true });
  const defaults: FakeDefaults = { state: join(root, "state.json"), log: join(root, "log.jsonl"), failCount: join(root, "fail-count"), failRegexFile: join(root, "fail-regex") };
  const script = join(root, "fake-ipvsadm.mjs");
  // Loaded here, not imported, so that the bundle of this module does not import esbuild.
  const { buildSync } = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
  buildSync({
    stdin: { contents: `import { main } from ${JSON.stringify(SELF)};\nmain(${JSON.stringify(defaults)});\n`, resolveDir: dirname(SELF), sourcefile: "fake-ipvsadm-main.ts", loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: script,
    external: ["esbuild"],
    banner: { js: `#!${process.execPath}` },
    logLevel: "error",
  });
  chmodSync(script, 0o755);
  const path = join(root, "ipvsadm");
  if (existsSync(path)) unlinkSync(path);
  symlinkSync("fake-ipvsadm.mjs", path);
  writeState(defaults.state, emptyState());
  writeFileSync(defaults.log, "");

  const update = (change: (s: FakeState) => FakeState): void => locked(defaults.state, () => writeState(defaults.state, change(readState(defaults.state))));
  return {
    path,
    statePath: defaults.state,
    logPath: defaults.log,
    state: () => tableOf(readState(defaults.state)),
    seed: (table) => update((s) => stateOf(table, s)),
    setConnections: (service, address, port, active, inactive) =>
      update((s) => {
        const target = s.services.find((x) => x.key === service)?.destinations.find((d) => d.address === address && d.port === port);
        if (!target) throw new Error(`no destination ${address}:${port} in ${service}`);
        return withService(s, service, (x) => ({ ...x, destinations: x.destinations.map((d) => (d === target ? { ...d, activeConn: active, inactConn: inactive } : d)) }));
      }),
    log: () =>
      readFileSync(defaults.log, "utf8")
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => JSON.parse(l) as string[]),
    failNext: (pattern, times) => {
      writeFileSync(defaults.failRegexFile, typeof pattern === "string" ? pattern : pattern.source);
      writeFileSync(defaults.failCount, "fail\n".repeat(times));
    },
  };
}
