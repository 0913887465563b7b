/**
 * The resolved configuration, as Piranha's lvsParseConfig leaves it: defaults filled in,
 * the last of duplicate keys winning, a server's port defaulting to its virtual's port as
 * read so far, `backup_private` replaced by `backup` when `primary_private` is absent.
 * Where the file has mistakes, the model follows what the author meant (keyword case,
 * enum case) and skips values that cannot be read; the lint rules report all of those.
 */
import { KEYWORDS, walk, type Block, type Keyword, type Level, type LvsFile, type Statement } from "../../grammar/index.ts";
import { OriginTables, type Origin } from "./origin.ts";
import { readStatement, type ReadValue } from "./read.ts";

export interface NatRouter {
  address: string;
  device: string | null;
}

export type { Place, SourceSpan } from "./origin.ts";
export type { Origin };

/** Where a block was read from: its opener line, `virtual NAME {`. */
function originOf(tables: OriginTables, block: Block): Origin {
  const last = block.names[block.names.length - 1] ?? block.keyword;
  return tables.origin(block.bodyLevel, { start: block.start, end: Math.max(last.end, block.braceOnOwnLine ? last.end : block.braceAt + 1), line: block.line });
}

export interface ModelServer {
  name: string | null;
  address: string;
  active: number;
  weight: number;
  port: number;
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
}

export interface LvsModel {
  global: ModelGlobal;
  /** `virtual` and `failover` blocks in file order. */
  virtuals: ModelVirtual[];
}

/** A symbol key, so that JSON and structured clones of the model leave it out. */
const ORIGIN = Symbol("origin");

/** The block and statements a model object (global, virtual or server) was read from. */
export function modelOrigin(o: ModelGlobal | ModelVirtual | ModelServer): Origin {
  return (o as unknown as { [ORIGIN]: Origin })[ORIGIN];
}

/** Piranha's value of every keyword at a level before the file sets any, in table order. */
function defaultsOf(level: Level, leadingKeys: Record<string, unknown>, skip: readonly string[] = []): Readonly<Record<string, unknown>> {
  const d: Record<string, unknown> = { ...leadingKeys };
  for (const k of KEYWORDS) if (k.level === level && k.kind !== "block" && !skip.includes(k.name) && !(k.name in d)) d[k.name] = k.default;
  return d;
}

type Factory = (origin: Origin) => Record<string, unknown>;

/**
 * A function returning a fresh copy of `fields` (primitive values and empty arrays) with its
 * origin. The copies are spread from one template that already holds the origin key, so that
 * all share one shape and setting the origin changes none. The template is parsed from JSON: an
 * object built a key at a time is a dictionary, and every copy of it would be too (spreading it
 * took twenty times as long, and reading the copies twice as long, as from a fast template).
 */
function literalFactory(fields: Readonly<Record<string, unknown>>): Factory {
  const template = JSON.parse(JSON.stringify(fields)) as Record<string | symbol, unknown>;
  template[ORIGIN] = null;
  const arrays = Object.keys(template).filter((k) => Array.isArray(template[k]));
  return (origin) => {
    const copy: Record<string | symbol, unknown> = { ...template };
    copy[ORIGIN] = origin;
    for (const k of arrays) copy[k] = [];
    return copy as Record<string, unknown>;
  };
}

/** A new model object of each kind, with Piranha's defaults. */
const newGlobal = literalFactory(defaultsOf("global", {}));
const newVirtual = literalFactory({
  ...defaultsOf("virtual", { block: "virtual", name: null, active: 0, address: "0.0.0.0", device: null }, ["master", "dirs"]),
  servers: [],
});
const newServer = literalFactory(defaultsOf("server", { name: null }));

/** Applies one statement to `target`; returns the read value, or null when it is not applied. */
function apply(target: Record<string, unknown>, origin: Origin, kw: Keyword, stmt: Statement): ReadValue | null {
  const r = readStatement(kw, stmt);
  if (!r.ok) return null;
  if (r.kind === "pmask" && r.value === null) return null;
  if (r.kind === "hostDevice") {
    if (kw.name === "nat_router") target["nat_router"] = { address: r.value, device: r.device };
    else {
      target["address"] = r.value;
      target["device"] = r.device;
    }
  } else target[kw.name] = r.value;
  origin.record(kw, stmt.start, stmt.end, stmt.line);
  return r;
}

/** The keyword a statement sets, unless the statement is too damaged to say what it means. */
function statementKeyword(stmt: Statement): Keyword | undefined {
  const kw = stmt.keyword;
  if (!kw || stmt.equalsAt < 0 || kw.kind === "block") return undefined;
  // More values than the keyword takes: Piranha refuses the line, and which one was meant is unclear.
  return kw.arity >= 0 && stmt.values.length > kw.arity ? undefined : kw;
}

interface Open {
  readonly block: Block;
  readonly obj: Record<string, unknown>;
  readonly origin: Origin;
}

/**
 * Builds the model while the tree is walked in file order (blocks before their contents),
 * so that the lint engine can resolve in the same walk as its rules. Each statement is
 * applied to the global section, the open virtual or the open server, as Piranha reads it.
 */
export class ModelBuilder {
  private readonly origins = new OriginTables();
  private readonly globalOrigin = this.origins.origin("global");
  private readonly global = newGlobal(this.globalOrigin);
  private readonly virtuals: ModelVirtual[] = [];
  private virtual: Open | null = null;
  private server: Open | null = null;
  /** The model so far; complete after finish(). */
  readonly model: LvsModel = { global: this.global as unknown as ModelGlobal, virtuals: this.virtuals };

  block(block: Block, parent: Block | null): void {
    if (parent === null) {
      this.server = null;
      this.virtual = null;
      if (block.blockType === "server") return;
      const origin = originOf(this.origins, block);
      const v = newVirtual(origin);
      v["block"] = block.blockType === "failover" ? "failover" : "virtual";
      v["name"] = block.names[0]?.value ?? null;
      this.virtuals.push(v as unknown as ModelVirtual);
      this.virtual = { block, obj: v, origin };
    } else if (this.virtual && parent === this.virtual.block && block.blockType === "server") {
      const origin = originOf(this.origins, block);
      const s = newServer(origin);
      s["name"] = block.names[0]?.value ?? null;
      s["port"] = this.virtual.obj["port"];
      (this.virtual.obj["servers"] as unknown[]).push(s);
      this.server = { block, obj: s, origin };
    }
  }

  statement(stmt: Statement, parent: Block | null): void {
    const kw = statementKeyword(stmt);
    if (!kw) return;
    if (parent === null) apply(this.global, this.globalOrigin, kw, stmt);
    else if (this.server && parent === this.server.block) apply(this.server.obj, this.server.origin, kw, stmt);
    else if (this.virtual && parent === this.virtual.block && kw.name !== "master" && kw.name !== "dirs")
      apply(this.virtual.obj, this.virtual.origin, kw, stmt);
  }

  /** Applies what Piranha does after reading the whole file. */
  finish(): LvsModel {
    const g = this.global;
    if (this.globalOrigin.has("primary") && !this.globalOrigin.has("primary_private")) {
      g["primary_private"] = g["primary"];
      g["backup_private"] = g["backup"];
    }
    return this.model;
  }
}

export function resolve(file: LvsFile): LvsModel {
  const builder = new ModelBuilder();
  walk(file, (item, parent) => {
    if (item.kind === "block") builder.block(item, parent);
    else if (item.kind === "statement") builder.statement(item, parent);
  });
  return builder.finish();
}

/** The model as JSON with Piranha's keyword names as keys. */
export function modelToJson(model: LvsModel): string {
  return JSON.stringify(model, null, 2) + "\n";
}
