/**
 * The resolved configuration, as Piranha's lvsParseConfig leaves it: defaults filled in,
 * the last of duplicate keys winning, a server's port defaulting to its virtual's port as
 * read so far, `backup_private` replaced by `backup` when `primary_private` is absent.
 * Where the file has mistakes, the model follows what the author meant (keyword case,
 * enum case) and skips values that cannot be read; the lint rules report all of those.
 */
import { KEYWORDS, type Block, type Keyword, type Level, type LvsFile, type Statement } from "../../grammar/index.ts";
import { readStatement, type ReadValue } from "./read.ts";
import type { Host } from "./values.ts";

export interface NatRouter {
  address: string;
  device: string | null;
}

/** Where each field of a model object was set: the statement, by Piranha keyword name. */
export type Sources = Record<string, Statement>;

export interface ModelServer {
  name: string | null;
  address: string;
  active: number;
  weight: number;
  port: number;
  /** The block in the file (not printed). */
  readonly block: Block;
  readonly sources: Sources;
}

export interface ModelVirtual {
  block: "virtual" | "failover";
  name: string | null;
  active: number;
  address: string;
  device: string | null;
  vip_nmask: string;
  sorry_server: string;
  fwmark: number;
  protocol: string;
  port: number;
  scheduler: string;
  persistent: number;
  pmask: string;
  send: string | null;
  expect: string | null;
  send_program: string | null;
  use_regex: number;
  timeout: number;
  reentry: number;
  quiesce_server: number;
  load_monitor: string | null;
  client_monitor: string;
  start_cmd: string | null;
  stop_cmd: string | null;
  servers: ModelServer[];
  readonly node: Block;
  readonly sources: Sources;
}

export interface ModelGlobal {
  serial_no: number;
  service: string;
  primary: string;
  primary_private: string;
  primary_shared: string | null;
  backup: string;
  backup_active: number;
  backup_private: string;
  backup_shared: string | null;
  reservation_conflict_action: string | null;
  heartbeat: number;
  heartbeat_port: number;
  keepalive: number;
  deadtime: number;
  network: string;
  nat_router: NatRouter | null;
  nat_nmask: string;
  rsh_command: string;
  debug_level: string;
  ipvsadm: string;
  sync: number;
  syncdaemon: number;
  syncd_iface: string;
  syncd_id: number;
  monitor_links: number;
  hard_shutdown: number;
  tcp_timeout: number;
  tcpfin_timeout: number;
  udp_timeout: number;
  active_cmd: string | null;
  inactive_cmd: string | null;
  readonly sources: Sources;
}

export interface LvsModel {
  global: ModelGlobal;
  /** `virtual` and `failover` blocks in file order. */
  virtuals: ModelVirtual[];
}

function hidden<T extends object, K extends string, V>(obj: T, key: K, value: V): T & Record<K, V> {
  Object.defineProperty(obj, key, { value, enumerable: false });
  return obj as T & Record<K, V>;
}

const DEFAULTS = new Map<Level, Readonly<Record<string, unknown>>>();
for (const k of KEYWORDS) {
  if (k.kind === "block") continue;
  const d = (DEFAULTS.get(k.level) ?? {}) as Record<string, unknown>;
  d[k.name] = k.default;
  DEFAULTS.set(k.level, d);
}

/** Piranha's value of every keyword at `level` before the file sets any. */
function defaultsAt(level: Level): Record<string, unknown> {
  return { ...DEFAULTS.get(level) };
}

function hostText(h: Host): string {
  return h.kind === "ip" ? h.address : h.name;
}

function plain(v: ReadValue): unknown {
  switch (v.kind) {
    case "host":
      return hostText(v.value);
    case "hostDevice":
      return hostText(v.value);
    case "pmask":
      return v.value;
    default:
      return v.value;
  }
}

/** Applies one statement to `target`; returns the read value, or null when it is not applied. */
function apply(target: Record<string, unknown>, sources: Sources, kw: Keyword, stmt: Statement): ReadValue | null {
  const r = readStatement(kw, stmt);
  if (!r.ok) return null;
  const v = r.value;
  if (v.kind === "pmask" && v.value === null) return null;
  if (kw.name === "nat_router" && v.kind === "hostDevice") {
    target["nat_router"] = { address: hostText(v.value), device: v.device };
  } else if (kw.name === "address" && v.kind === "hostDevice") {
    target["address"] = hostText(v.value);
    target["device"] = v.device;
  } else {
    target[kw.name] = plain(v);
  }
  sources[kw.name] = stmt;
  return v;
}

function statementKeyword(stmt: Statement): Keyword | undefined {
  const kw = stmt.keyword;
  return kw && stmt.equalsAt >= 0 && kw.kind !== "block" ? kw : undefined;
}

function resolveServer(block: Block, virtualPort: number): ModelServer {
  const sources: Sources = {};
  const s = { name: block.names[0]?.value ?? null, ...defaultsAt("server"), port: virtualPort } as Record<string, unknown>;
  for (const item of block.items) {
    if (item.kind !== "statement") continue;
    const kw = statementKeyword(item);
    if (kw) apply(s, sources, kw, item);
  }
  hidden(s, "block", block);
  hidden(s, "sources", sources);
  return s as unknown as ModelServer;
}

function resolveVirtual(block: Block): ModelVirtual {
  const sources: Sources = {};
  const d = defaultsAt("virtual");
  const v: Record<string, unknown> = {
    block: block.blockType === "failover" ? "failover" : "virtual",
    name: block.names[0]?.value ?? null,
    active: d["active"],
    address: d["address"],
    device: null,
  };
  for (const [k, value] of Object.entries(d)) if (!(k in v)) v[k] = value;
  delete v["master"];
  delete v["dirs"];
  const servers: ModelServer[] = [];
  for (const item of block.items) {
    if (item.kind === "block") {
      if (item.blockType === "server") servers.push(resolveServer(item, v["port"] as number));
      continue;
    }
    if (item.kind !== "statement") continue;
    const kw = statementKeyword(item);
    if (kw && kw.name !== "master" && kw.name !== "dirs") apply(v, sources, kw, item);
  }
  v["servers"] = servers;
  hidden(v, "node", block);
  hidden(v, "sources", sources);
  return v as unknown as ModelVirtual;
}

export function resolve(file: LvsFile): LvsModel {
  const sources: Sources = {};
  const g: Record<string, unknown> = defaultsAt("global");
  const virtuals: ModelVirtual[] = [];
  for (const item of file.items) {
    if (item.kind === "block") {
      if (item.blockType !== "server") virtuals.push(resolveVirtual(item));
      continue;
    }
    if (item.kind !== "statement") continue;
    const kw = statementKeyword(item);
    if (kw) apply(g, sources, kw, item);
  }
  if (sources["primary"] && !sources["primary_private"]) {
    g["primary_private"] = g["primary"];
    g["backup_private"] = g["backup"];
  }
  hidden(g, "sources", sources);
  return { global: g as unknown as ModelGlobal, virtuals };
}

/** The model as JSON with Piranha's keyword names as keys. */
export function modelToJson(model: LvsModel): string {
  return JSON.stringify(model, null, 2) + "\n";
}
