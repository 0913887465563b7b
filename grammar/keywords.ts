/**
 * Every keyword Piranha 0.8.6's lvs.cf parser accepts, at the level where it accepts it.
 * Parser, model, lint rules, hover, completion and docs all read this table.
 */

/** Where a statement may stand: top level, inside `virtual`/`failover`, inside `server`. */
export type Level = "global" | "virtual" | "server";

/**
 * How Piranha reads the value:
 * int      C strtol(value, &end, 0): octal, hex and a sign accepted, trailing text rejected
 * bool     an int that must be 0 or 1
 * port     an int, or a tcp service name from the services table
 * host     inet_aton, else a host name resolved when the daemon starts
 * ipv4     inet_aton only (no names)
 * netmask  inet_aton only
 * pmask    inet_aton; anything unparsable is ignored, 255.255.255.255 means none
 * enum     one of `values`, case-sensitive
 * string   one token, quotes removed (or kept, see `keepsQuotes`)
 * hostDevice  two values: a host and a device label
 * list     `[ a b c ]`
 * block    `NAME {` opening a nested block
 */
export type ValueKind =
  | "int"
  | "bool"
  | "port"
  | "host"
  | "ipv4"
  | "netmask"
  | "pmask"
  | "enum"
  | "string"
  | "hostDevice"
  | "list"
  | "block";

/** The program that reads the parsed value; "none" when no daemon looks at it. */
export type Daemon = "pulse" | "lvsd" | "nanny" | "fos" | "none";

export interface Keyword {
  /** Position in KEYWORDS: a small integer that names this keyword at this level. */
  readonly id: number;
  readonly name: string;
  readonly level: Level;
  readonly kind: ValueKind;
  /** Piranha's value when the keyword is absent, as the model prints it; null for none. */
  readonly default: string | number | null;
  /** Allowed values of an enum. */
  readonly values?: readonly string[];
  /** How many value tokens follow `=` (or the block name count for blocks). */
  readonly arity: number;
  readonly daemon: Daemon;
  /** Parsed and stored, but no daemon acts on it. */
  readonly ignored: boolean;
  /** 0.0.0.0 is refused ("invalid host name or ip address"). */
  readonly rejectsZero?: boolean;
  /** The quote characters stay part of the stored value (lvsd strips double quotes later). */
  readonly keepsQuotes?: boolean;
  /** The level a block keyword opens. */
  readonly opens?: Level;
  readonly doc: string;
}

export const SCHEDULERS = ["lc", "rr", "wlc", "wrr", "lblc", "lblcr", "dh", "sh"] as const;

export const SCHEDULER_DOCS: Readonly<Record<(typeof SCHEDULERS)[number], string>> = {
  rr: "round robin: each real server in turn",
  wrr: "weighted round robin: in turn, in proportion to weight",
  lc: "least connections: the server with the fewest active connections",
  wlc: "weighted least connections: fewest connections relative to weight (default)",
  lblc: "locality-based least connections: same destination IP to the same server while it is not overloaded",
  lblcr: "locality-based least connections with replication: a set of servers per destination IP",
  dh: "destination hashing: a static map from destination IP to server",
  sh: "source hashing: a static map from client IP to server",
};

const G = "global" as const;
const V = "virtual" as const;
const S = "server" as const;

let keywordCount = 0;

function kw(k: Omit<Keyword, "id" | "ignored" | "arity"> & { ignored?: boolean; arity?: number }): Keyword {
  const arity = k.arity ?? (k.kind === "hostDevice" ? 2 : 1);
  // Every entry has every field, in one order: code that reads keywords then sees one shape.
  return Object.freeze({
    id: keywordCount++,
    name: k.name,
    level: k.level,
    kind: k.kind,
    default: k.default,
    values: k.values,
    arity,
    daemon: k.daemon,
    ignored: k.ignored ?? false,
    rejectsZero: k.rejectsZero ?? false,
    keepsQuotes: k.keepsQuotes ?? false,
    opens: k.opens,
    doc: k.doc,
  });
}

export const KEYWORDS: readonly Keyword[] = Object.freeze([
  // ---- global ----
  kw({ name: "serial_no", level: G, kind: "int", default: 0, daemon: "none", ignored: true,
    doc: "Revision number of the file. The configuration tool increments it on every save; no daemon reads it." }),
  kw({ name: "service", level: G, kind: "enum", values: ["lvs", "fos"], default: "lvs", daemon: "pulse",
    doc: "`lvs` runs virtual servers (lvsd); `fos` runs failover services. Also selects the heartbeat magic, so both routers must agree." }),
  kw({ name: "primary", level: G, kind: "host", default: "0.0.0.0", daemon: "pulse", rejectsZero: true,
    doc: "Public address of the primary router. The router holding it on a real interface runs as master. Without `primary_private`, it also becomes the private heartbeat address and `backup_private` is replaced by `backup`." }),
  kw({ name: "primary_private", level: G, kind: "host", default: "0.0.0.0", daemon: "pulse", rejectsZero: true,
    doc: "Address of the primary on a second (private) heartbeat network. Heartbeats are also sent to `backup_private`." }),
  kw({ name: "primary_shared", level: G, kind: "string", default: null, daemon: "pulse",
    doc: "Shared SCSI device of the primary (failover services only)." }),
  kw({ name: "backup", level: G, kind: "host", default: "0.0.0.0", daemon: "pulse",
    doc: "Public address of the backup router." }),
  kw({ name: "backup_active", level: G, kind: "bool", default: 0, daemon: "pulse",
    doc: "1 when a backup router takes part: heartbeats are sent only then, and a backup with 0 does not run." }),
  kw({ name: "backup_private", level: G, kind: "host", default: "0.0.0.0", daemon: "pulse", rejectsZero: true,
    doc: "Address of the backup on the private heartbeat network. Kept only when `primary_private` is given too." }),
  kw({ name: "backup_shared", level: G, kind: "string", default: null, daemon: "pulse",
    doc: "Shared SCSI device of the backup (failover services only)." }),
  kw({ name: "reservation_conflict_action", level: G, kind: "enum", values: ["nothing", "preempt"], default: null, daemon: "pulse",
    doc: "What to do on a SCSI reservation conflict (failover services with shared disks only)." }),
  kw({ name: "heartbeat", level: G, kind: "bool", default: 0, daemon: "none", ignored: true,
    doc: "Meant to switch heartbeats on; pulse sends them whenever `backup_active = 1` instead." }),
  kw({ name: "heartbeat_port", level: G, kind: "port", default: 539, daemon: "pulse",
    doc: "UDP port of the heartbeat on both routers." }),
  kw({ name: "keepalive", level: G, kind: "int", default: 2, daemon: "pulse",
    doc: "Seconds between heartbeats." }),
  kw({ name: "deadtime", level: G, kind: "int", default: 5, daemon: "pulse",
    doc: "Seconds without a heartbeat after which the partner is declared dead and this router takes over." }),
  kw({ name: "network", level: G, kind: "enum", values: ["nat", "direct", "tunnel"], default: "nat", daemon: "lvsd",
    doc: "Forwarding method for every virtual server: `nat` (masquerading, -m), `direct` (direct routing, -g) or `tunnel` (IP-in-IP, -i)." }),
  kw({ name: "nat_router", level: G, kind: "hostDevice", default: null, daemon: "pulse",
    doc: "Floating gateway address of the real servers and its device (`IP DEVICE`), brought up on the active router with NAT." }),
  kw({ name: "nat_nmask", level: G, kind: "netmask", default: "0.0.0.0", daemon: "pulse",
    doc: "Netmask of the NAT router address; 0.0.0.0 leaves the mask to ifconfig." }),
  kw({ name: "rsh_command", level: G, kind: "string", default: "rsh", daemon: "lvsd",
    doc: "Command (`rsh` or `ssh`) used to run `uptime` on real servers when `load_monitor = uptime`." }),
  kw({ name: "debug_level", level: G, kind: "string", default: "NONE", daemon: "none", ignored: true,
    doc: "Meant to set how much the daemons log; they log the same whatever it says." }),
  kw({ name: "ipvsadm", level: G, kind: "string", default: "/sbin/ipvsadm", daemon: "lvsd",
    doc: "Absolute path of ipvsadm, used by lvsd, nanny and pulse." }),
  kw({ name: "sync", level: G, kind: "bool", default: 0, daemon: "none", ignored: true,
    doc: "Meant to copy the file between the routers; that was never implemented." }),
  kw({ name: "syncdaemon", level: G, kind: "bool", default: 0, daemon: "pulse",
    doc: "1 to run the IPVS connection-sync daemon: master on the active router, backup on the other." }),
  kw({ name: "syncd_iface", level: G, kind: "string", default: "eth0", daemon: "pulse",
    doc: "Multicast interface of the sync daemon." }),
  kw({ name: "syncd_id", level: G, kind: "int", default: 0, daemon: "pulse",
    doc: "Sync daemon id (only the low 8 bits are used)." }),
  kw({ name: "tcp_timeout", level: G, kind: "int", default: 0, daemon: "lvsd",
    doc: "IPVS TCP session timeout in seconds (`ipvsadm --set`); 0 leaves the kernel's value." }),
  kw({ name: "tcpfin_timeout", level: G, kind: "int", default: 0, daemon: "lvsd",
    doc: "IPVS timeout after a TCP FIN in seconds; 0 leaves the kernel's value." }),
  kw({ name: "udp_timeout", level: G, kind: "int", default: 0, daemon: "lvsd",
    doc: "IPVS UDP timeout in seconds; 0 leaves the kernel's value." }),
  kw({ name: "active_cmd", level: G, kind: "string", default: null, daemon: "pulse",
    doc: "Command run when this router becomes active; split on single spaces and executed without a shell." }),
  kw({ name: "inactive_cmd", level: G, kind: "string", default: null, daemon: "pulse",
    doc: "Command run at start-up and whenever this router becomes inactive." }),
  kw({ name: "monitor_links", level: G, kind: "int", default: 0, daemon: "pulse",
    doc: "Non-zero to watch the link of the heartbeat interfaces; a lost link deactivates this router (needs `backup_active = 1`)." }),
  kw({ name: "hard_shutdown", level: G, kind: "bool", default: 1, daemon: "lvsd",
    doc: "1: when a health-check process dies, all of LVS is stopped and the backup takes over; 0: log and carry on." }),
  kw({ name: "virtual", level: G, kind: "block", opens: V, default: null, daemon: "lvsd",
    doc: "`virtual NAME {` opens a virtual server: a VIP and port (or firewall mark) balanced over real servers." }),
  kw({ name: "failover", level: G, kind: "block", opens: V, default: null, daemon: "fos",
    doc: "`failover NAME {` opens a failover service, used only with `service = fos`." }),
  // ---- virtual / failover ----
  kw({ name: "active", level: V, kind: "bool", default: 0, daemon: "lvsd",
    doc: "1 to run this virtual server. Absent means 0: the service is not created and its VIP is not brought up." }),
  kw({ name: "address", level: V, kind: "hostDevice", default: "0.0.0.0", daemon: "pulse",
    doc: "The virtual IP and the device alias it is brought up on (`VIP eth0:1`)." }),
  kw({ name: "sorry_server", level: V, kind: "ipv4", default: "0.0.0.0", daemon: "lvsd",
    doc: "Server added to the service while no real server is up." }),
  kw({ name: "vip_nmask", level: V, kind: "netmask", default: "0.0.0.0", daemon: "pulse",
    doc: "Netmask of the VIP; 0.0.0.0 lets ifconfig pick the classful mask." }),
  kw({ name: "fwmark", level: V, kind: "int", default: 0, daemon: "lvsd",
    doc: "Firewall mark: when non-zero the IPVS service is `-f MARK` and groups every virtual with that mark." }),
  kw({ name: "protocol", level: V, kind: "enum", values: ["tcp", "udp"], default: "tcp", daemon: "lvsd",
    doc: "`tcp` or `udp`." }),
  kw({ name: "port", level: V, kind: "port", default: 80, daemon: "lvsd",
    doc: "Service port (number or service name). Real servers read further down default to this value." }),
  kw({ name: "scheduler", level: V, kind: "enum", values: SCHEDULERS, default: "wlc", daemon: "lvsd",
    doc: "IPVS scheduling algorithm." }),
  kw({ name: "persistent", level: V, kind: "int", default: 0, daemon: "lvsd",
    doc: "Persistence timeout in seconds (`ipvsadm -p`); 0 turns persistence off." }),
  kw({ name: "pmask", level: V, kind: "pmask", default: "0.0.0.0", daemon: "lvsd",
    doc: "Persistence netmask (`ipvsadm -M`), used only with `persistent`. 255.255.255.255 means none; an unparsable value is ignored." }),
  kw({ name: "client_monitor", level: V, kind: "string", default: "/usr/sbin/nanny", daemon: "lvsd",
    doc: "Health-check program lvsd starts for each real server." }),
  kw({ name: "send_program", level: V, kind: "string", keepsQuotes: true, default: null, daemon: "nanny",
    doc: "External check program; `%h` and `%p` (whole words) become the server's address and port. Its output must equal `expect`." }),
  kw({ name: "send", level: V, kind: "string", keepsQuotes: true, default: null, daemon: "nanny",
    doc: "Bytes sent after connecting (escapes \\r \\n \\t \\\\ \\' \\\")." }),
  kw({ name: "expect", level: V, kind: "string", keepsQuotes: true, default: null, daemon: "nanny",
    doc: "Expected start of the reply (`*` matches any byte), a regular expression with `use_regex = 1`, or the exact output of `send_program`." }),
  kw({ name: "use_regex", level: V, kind: "bool", default: 0, daemon: "nanny",
    doc: "1 to read `expect` as a POSIX extended regular expression." }),
  kw({ name: "timeout", level: V, kind: "int", default: 10, daemon: "nanny",
    doc: "Seconds between checks, and the connect and read timeout of each check." }),
  kw({ name: "reentry", level: V, kind: "int", default: 180, daemon: "nanny",
    doc: "Seconds a failed server must pass checks before it is added again (reentry / timeout successes)." }),
  kw({ name: "load_monitor", level: V, kind: "string", default: null, daemon: "nanny",
    doc: "`uptime`, `rup`, `ruptime` or `none`: how real-server load adjusts weights." }),
  kw({ name: "quiesce_server", level: V, kind: "bool", default: 0, daemon: "nanny",
    doc: "1: a failed server gets weight 0 instead of being removed." }),
  kw({ name: "start_cmd", level: V, kind: "string", keepsQuotes: true, default: null, daemon: "fos",
    doc: "Command that starts a failover service." }),
  kw({ name: "stop_cmd", level: V, kind: "string", keepsQuotes: true, default: null, daemon: "fos",
    doc: "Command that stops a failover service." }),
  kw({ name: "master", level: V, kind: "host", default: "0.0.0.0", daemon: "none", ignored: true,
    doc: "A leftover of early Piranha versions; nothing reads it." }),
  kw({ name: "dirs", level: V, kind: "list", default: null, daemon: "none", ignored: true, arity: -1,
    doc: "A leftover list (`dirs = [ a b ]`) of early Piranha versions; nothing reads it." }),
  kw({ name: "server", level: V, kind: "block", opens: S, default: null, daemon: "nanny",
    doc: "`server NAME {` declares a real server of this virtual server." }),
  // ---- server ----
  kw({ name: "address", level: S, kind: "host", default: "0.0.0.0", daemon: "nanny",
    doc: "Address of the real server." }),
  kw({ name: "active", level: S, kind: "bool", default: 0, daemon: "lvsd",
    doc: "1 to check and use this server. Absent means 0: it is never added." }),
  kw({ name: "weight", level: S, kind: "int", default: 1, daemon: "nanny",
    doc: "Relative capacity. nanny starts at weight/32 and doubles it about every 20 s." }),
  kw({ name: "port", level: S, kind: "int", default: null, daemon: "nanny",
    doc: "Port checked and forwarded to (a number, no service names). Defaults to the virtual's `port` as read so far." }),
]);

const byLevel = new Map<Level, Map<string, Keyword>>();
for (const k of KEYWORDS) {
  let m = byLevel.get(k.level);
  if (!m) byLevel.set(k.level, (m = new Map()));
  m.set(k.name, k);
}

/** The keyword `name` at `level`, exactly as Piranha spells it. */
export function keywordAt(level: Level, name: string): Keyword | undefined {
  return byLevel.get(level)?.get(name);
}

/** Per level, the keywords by the length of their name. */
const byLength: Readonly<Record<Level, Keyword[][]>> = { global: [], virtual: [], server: [] };
for (const k of KEYWORDS) (byLength[k.level][k.name.length] ??= []).push(k);

/**
 * The keyword spelled exactly by `text` from `start` to `end` at `level`: `keywordAt` without
 * taking the word out of the text, for the parser's one lookup per line.
 */
export function keywordSpelled(level: Level, text: string, start: number, end: number): Keyword | undefined {
  const candidates = byLength[level][end - start];
  if (candidates === undefined) return undefined;
  // Keywords of one length mostly differ in their first letter: compare that before the rest.
  const first = text.charCodeAt(start);
  for (const k of candidates) if (k.name.charCodeAt(0) === first && text.startsWith(k.name, start)) return k;
  return undefined;
}

/** All keywords accepted at a level. */
export function keywordsAt(level: Level): readonly Keyword[] {
  return [...(byLevel.get(level)?.values() ?? [])];
}

/** Levels at which `name` is a keyword. */
export function levelsOf(name: string): Level[] {
  return KEYWORDS.filter((k) => k.name === name).map((k) => k.level);
}

/** Distinct keyword names (58 in Piranha 0.8.6). */
export const KEYWORD_NAMES: readonly string[] = [...new Set(KEYWORDS.map((k) => k.name))];

/** Names Piranha does not accept although documentation or its GUI mention them. */
export const NOT_KEYWORDS: Readonly<Record<string, string>> = {
  nmask: "`nmask` was removed from the parser; the GUI may still write it inside `server` blocks",
  expect_program: "`expect_program` is a GUI field that the parser never accepted",
  debug: "the keyword is `debug_level`",
  mode: "there is no `mode`; the forwarding method is the global `network`",
  heartbeat_dev: "there is no `heartbeat_dev`; heartbeats go out on the interfaces of `primary`/`backup` and their private addresses",
  log_file: "`log_file` is not accepted",
  reserve: "`reserve` is not accepted",
};

/**
 * Words that keepalived, ldirectord, ipvsadm or habit use where Piranha has a keyword of its
 * own, with the keywords they most likely mean (the first one accepted at the level wins).
 */
export const CONFUSABLE_WORDS: Readonly<Record<string, readonly string[]>> = {
  netmask: ["vip_nmask", "nat_nmask"],
  mask: ["vip_nmask", "nat_nmask"],
  realserver: ["server"],
  real_server: ["server"],
  real: ["server"],
  rs: ["server"],
  virtual_server: ["virtual"],
  virtualserver: ["virtual"],
  persistence: ["persistent"],
  persistance: ["persistent"],
  persistence_timeout: ["persistent"],
  persistent_timeout: ["persistent"],
  persistence_granularity: ["pmask"],
  lb_algo: ["scheduler"],
  algo: ["scheduler"],
  algorithm: ["scheduler"],
  sched: ["scheduler"],
  schedule: ["scheduler"],
  lb_kind: ["network"],
  forwarding: ["network"],
  forward: ["network"],
  delay_loop: ["timeout"],
  checkinterval: ["timeout"],
  checktimeout: ["timeout"],
  connect_timeout: ["timeout"],
  interval: ["timeout"],
  quiesce: ["quiesce_server"],
  inhibit_on_failure: ["quiesce_server"],
  firewall_mark: ["fwmark"],
  fw_mark: ["fwmark"],
  mark: ["fwmark"],
  sorry: ["sorry_server"],
  request: ["send"],
  receive: ["expect"],
  ip: ["address"],
  vip: ["address"],
  virtual_ipaddress: ["address"],
  retry: ["reentry"],
};
