/**
 * The shape of a manifest's plan, checked as a whole before lvs-run uses any of it: a plan that
 * is missing a field or holds one of the wrong kind is refused with the JSON path of the first
 * thing wrong, and nothing changes.
 */

/** Checks a value; returns what is wrong with it at `path`, or null. */
type Check = (value: unknown, path: string) => string | null;

const kind = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : JSON.stringify(v));

const str: Check = (v, path) => (typeof v === "string" ? null : `${path}: a string expected, not ${kind(v)}`);
const bool: Check = (v, path) => (typeof v === "boolean" ? null : `${path}: true or false expected, not ${kind(v)}`);
const int =
  (min: number, max: number): Check =>
  (v, path) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? null : `${path}: a whole number from ${min} to ${max} expected, not ${kind(v)}`;
const num: Check = (v, path) => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? null : `${path}: a number of 0 or more expected, not ${kind(v)}`);
const oneOf =
  (...values: readonly string[]): Check =>
  (v, path) =>
    typeof v === "string" && values.includes(v) ? null : `${path}: one of ${values.join(", ")} expected, not ${kind(v)}`;
const nullable =
  (check: Check): Check =>
  (v, path) =>
    v === null ? null : check(v, path);
const array =
  (item: Check, length?: number): Check =>
  (v, path) => {
    if (!Array.isArray(v)) return `${path}: an array expected, not ${kind(v)}`;
    if (length !== undefined && v.length !== length) return `${path}: ${length} items expected, not ${v.length}`;
    for (let i = 0; i < v.length; i++) {
      const wrong = item(v[i], `${path}[${i}]`);
      if (wrong) return wrong;
    }
    return null;
  };
const object =
  (fields: Readonly<Record<string, Check>>): Check =>
  (v, path) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return `${path}: an object expected, not ${kind(v)}`;
    for (const [name, check] of Object.entries(fields)) {
      if (!(name in v)) return `${path}.${name}: missing`;
      const wrong = check((v as Record<string, unknown>)[name], `${path}.${name}`);
      if (wrong) return wrong;
    }
    return null;
  };
/** An object whose `kind` field picks its shape. */
const byKind =
  (shapes: Readonly<Record<string, Check>>): Check =>
  (v, path) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return `${path}: an object expected, not ${kind(v)}`;
    if (!("kind" in v)) return `${path}.kind: missing`;
    const k = (v as { kind: unknown }).kind;
    const shape = typeof k === "string" && Object.hasOwn(shapes, k) ? shapes[k] : undefined;
    return shape ? shape(v, path) : `${path}.kind: one of ${Object.keys(shapes).join(", ")} expected, not ${kind(k)}`;
  };

const PORT = int(0, 65535);
const WEIGHT = int(-0x80000000, 0x7fffffff);
const METHOD = oneOf("nat", "direct", "tunnel");
const PROTOCOL = oneOf("tcp", "udp");

const floating = object({ address: str, device: str, baseDevice: str, netmask: str, prefix: nullable(int(0, 32)) });

const healthCheck = byKind({
  connect: object({ kind: str, send: nullable(str) }),
  "send-expect": object({ kind: str, send: nullable(str), expect: str, regex: bool }),
  "http-default": object({ kind: str, send: str, expect: str }),
  program: object({ kind: str, argv: array(str), expect: nullable(str) }),
});

const service = object({
  key: str,
  ipvsadmService: array(str, 2),
  members: array(object({ virtual: nullable(str), address: str, protocol: PROTOCOL, port: PORT })),
  protocol: PROTOCOL,
  address: str,
  port: PORT,
  fwmark: nullable(int(1, 0xffffffff)),
  scheduler: str,
  persistence: nullable(int(0, 0x7fffffff)),
  pmask: nullable(str),
  method: METHOD,
  sorryServer: nullable(str),
  check: object({ protocol: PROTOCOL, check: healthCheck, interval: num, reentry: num, quiesce: bool, loadMonitor: nullable(array(str)) }),
  servers: array(object({ name: nullable(str), address: str, port: PORT, weight: WEIGHT, effectiveWeight: WEIGHT, active: bool })),
});

const director = object({ address: str, privateAddress: nullable(str) });

const plan = object({
  method: METHOD,
  services: array(service),
  vips: array(floating),
  natRouter: nullable(floating),
  failover: object({
    primary: director,
    backup: nullable(director),
    inactiveBackup: nullable(str),
    heartbeatPort: PORT,
    keepalive: num,
    deadtime: num,
    monitorLinks: bool,
    activeCommand: nullable(array(str)),
    inactiveCommand: nullable(array(str)),
    hardShutdown: bool,
  }),
  syncDaemon: nullable(object({ interface: str, syncId: int(0, 255) })),
  timeouts: object({ tcp: int(0, 0x7fffffff), tcpfin: int(0, 0x7fffffff), udp: int(0, 0x7fffffff) }),
  ipvsadm: str,
});

/** What is wrong with `value` as a plan (`plan.services[2].port: …`), or null when it is one. */
export function planProblem(value: unknown): string | null {
  return plan(value, "plan");
}
