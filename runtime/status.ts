/**
 * What a running lvs-run says of itself, as `lvs-run status --json` prints it and the status
 * page reads it from `/status.json`: one schema (docs/status.md). It holds nothing of the
 * checks' settings (what is sent, what is expected, which program runs with which arguments).
 */
import type { DirectorStatus } from "./director-status.ts";
import type { LogEvent } from "./director.ts";
import type { FailoverStatus } from "./failover/node.ts";

/** Bumped when a field changes meaning or goes; new fields do not bump it. */
export const STATUS_SCHEMA = 1;

/** Which bundle runs. */
export interface BundleIdentity {
  /** The bundle directory or lvs.cf lvs-run was started with. */
  readonly path: string;
  /** sha256 of the bundle's manifest.json, or of the lvs.cf when started with one. */
  readonly hash: string;
  /** The lvs.cf's `serial_no`; null for a bundle from before it was recorded. */
  readonly serialNo: number | null;
}

export interface SyncDaemonStatus {
  readonly interface: string;
  readonly syncId: number;
  /** The daemons the kernel runs (`ipvsadm -L --daemon`); null when not read. */
  readonly running: ReadonlyArray<"master" | "backup"> | null;
}

export interface StatusEvent {
  readonly at: number;
  readonly event: string;
  readonly message: string;
  readonly service?: string;
  readonly server?: string;
}

export interface StatusSummary {
  readonly services: { readonly up: number; readonly degraded: number; readonly down: number; readonly total: number };
  readonly servers: { readonly up: number; readonly total: number };
}

/** Which services a `/status.json?…` answer holds, of how many. */
export interface StatusView {
  readonly offset: number;
  readonly limit: number;
  readonly query: string;
  readonly problemsOnly: boolean;
  /** Services matching the query (all when none). */
  readonly matched: number;
  readonly total: number;
}

export interface RunStatus extends DirectorStatus {
  readonly schema: number;
  /** When this status was put together (ms since the epoch). */
  readonly at: number;
  readonly startedAt: number;
  readonly bundle: BundleIdentity;
  /** Null with --standalone. */
  readonly failover: FailoverStatus | null;
  /** Null when the bundle runs no sync daemon. */
  readonly syncDaemon: SyncDaemonStatus | null;
  /** The latest events, oldest first. */
  readonly events: readonly StatusEvent[];
  /** Counted over every service, whatever `view` holds. */
  readonly summary: StatusSummary;
  /** Present when the services were chosen by a query (the status page's). */
  readonly view?: StatusView;
}

export function summarize(services: DirectorStatus["services"]): StatusSummary {
  const counts = { up: 0, degraded: 0, down: 0, total: services.length };
  const servers = { up: 0, total: 0 };
  for (const s of services) {
    counts[s.health]++;
    for (const rs of s.servers) {
      if (rs.state === "draining") continue;
      servers.total++;
      if (rs.state === "up") servers.up++;
    }
  }
  return { services: counts, servers };
}

const HEALTH_ORDER = { down: 0, degraded: 1, up: 2 } as const;

function matches(service: DirectorStatus["services"][number], words: readonly string[]): boolean {
  const text = [
    service.key,
    service.health,
    service.sorryServerUp ? "sorry" : "",
    ...service.virtuals,
    ...service.servers.flatMap((rs) => [`${rs.address}:${rs.port}`, rs.name ?? "", rs.state]),
  ]
    .join(" ")
    .toLowerCase();
  return words.every((w) => text.includes(w));
}

/**
 * The status with the services a query asks for: `q` (words all found in the service's
 * addresses, names or states), `problems=1` (not all up), `order=problems` (down, then
 * degraded, then up), then `offset` and `limit` (at most 500).
 */
export function statusView(status: RunStatus, params: URLSearchParams): RunStatus {
  const words = (params.get("q") ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const problemsOnly = params.get("problems") === "1";
  let chosen = status.services.filter((s) => (!problemsOnly || s.health !== "up" || s.sorryServerUp) && (words.length === 0 || matches(s, words)));
  if (params.get("order") === "problems") chosen = [...chosen].sort((a, b) => HEALTH_ORDER[a.health] - HEALTH_ORDER[b.health]);
  const whole = (name: string, fallback: number, max: number): number => {
    const n = Number(params.get(name) ?? fallback);
    return Number.isInteger(n) && n >= 0 ? Math.min(n, max) : fallback;
  };
  const offset = whole("offset", 0, Number.MAX_SAFE_INTEGER);
  const limit = whole("limit", 50, 500);
  return {
    ...status,
    services: chosen.slice(offset, offset + limit),
    view: { offset, limit, query: words.join(" "), problemsOnly, matched: chosen.length, total: status.services.length },
  };
}

/** The last `limit` events of the log, each with what the status may show of it. */
export class RecentEvents {
  private readonly items: StatusEvent[] = [];

  constructor(private readonly limit = 50) {}

  add(e: LogEvent, at: number): void {
    const item: StatusEvent = { at, event: e.event, message: e.message };
    if (typeof e.service === "string") Object.assign(item, { service: e.service });
    if (typeof e.server === "string") Object.assign(item, { server: e.server });
    this.items.push(item);
    if (this.items.length > this.limit) this.items.shift();
  }

  list(): StatusEvent[] {
    return [...this.items];
  }
}
