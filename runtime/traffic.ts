/**
 * The kernel's view of the traffic, as `ipvsadm -L -n` and `ipvsadm -L -n --stats` give it: the
 * active and inactive connections and the counters of every service and destination, and the
 * rates worked out from two readings (what `ipvsadm -L --rate` shows). Read when the status
 * is asked for, at most once a second, so that nobody looking costs nothing.
 */
import type { DestinationConnections, IpvsBackend, IpvsStats, TrafficCounters } from "./ipvs/types.ts";
import { freshWithin } from "../lib/fresh-within.ts";
import { destinationKey } from "./ipvs/saved.ts";

export interface Rates {
  readonly cps: number;
  readonly inPps: number;
  readonly outPps: number;
  readonly inBps: number;
  readonly outBps: number;
}

export interface Traffic extends TrafficCounters {
  readonly activeConns: number;
  readonly inactiveConns: number;
  /** Per second since the reading before; null for the first. */
  readonly rates: Rates | null;
}

export interface TrafficReading {
  readonly at: number;
  readonly services: ReadonlyMap<string, Traffic>;
  /** By `destinationKey` (which is the director's monitor id). */
  readonly destinations: ReadonlyMap<string, Traffic>;
  /** The sync daemons the kernel runs; null when not known. */
  readonly daemons: ReadonlyArray<"master" | "backup"> | null;
}

const ZERO: TrafficCounters = { conns: 0, inPkts: 0, outPkts: 0, inBytes: 0, outBytes: 0 };

function rates(now: TrafficCounters, before: TrafficCounters | undefined, seconds: number): Rates | null {
  if (!before || seconds <= 0) return null;
  // A counter that went back was zeroed or its entry made again: no rate from it.
  const per = (a: number, b: number): number => (a >= b ? Math.round((a - b) / seconds) : 0);
  return {
    cps: per(now.conns, before.conns),
    inPps: per(now.inPkts, before.inPkts),
    outPps: per(now.outPkts, before.outPkts),
    inBps: per(now.inBytes, before.inBytes),
    outBps: per(now.outBytes, before.outBytes),
  };
}

/** One reading from the two listings, with the rates since `previous`. */
export function trafficReading(
  at: number,
  connections: readonly DestinationConnections[],
  stats: IpvsStats | null,
  daemons: ReadonlyArray<"master" | "backup"> | null,
  previous: TrafficReading | null,
): TrafficReading {
  const seconds = previous ? (at - previous.at) / 1000 : 0;
  const destinations = new Map<string, Traffic>();
  const sums = new Map<string, { active: number; inactive: number }>();
  for (const c of connections) {
    const key = destinationKey(c.service, c.address, c.port);
    const counted = stats?.destinations.get(key) ?? ZERO;
    destinations.set(key, { ...counted, activeConns: c.active, inactiveConns: c.inactive, rates: rates(counted, previous?.destinations.get(key), seconds) });
    const sum = sums.get(c.service) ?? { active: 0, inactive: 0 };
    sum.active += c.active;
    sum.inactive += c.inactive;
    sums.set(c.service, sum);
  }
  const services = new Map<string, Traffic>();
  const keys = new Set([...sums.keys(), ...(stats?.services.keys() ?? [])]);
  for (const key of keys) {
    const counted = stats?.services.get(key) ?? ZERO;
    const sum = sums.get(key) ?? { active: 0, inactive: 0 };
    services.set(key, { ...counted, activeConns: sum.active, inactiveConns: sum.inactive, rates: rates(counted, previous?.services.get(key), seconds) });
  }
  return { at, services, destinations, daemons };
}

/** Reads the traffic when asked, at most once per `maxAgeMs`; callers meanwhile share a reading. */
export class TrafficReader {
  private last: TrafficReading | null = null;
  /** The latest reading, fresh enough; null when the table was never read. */
  readonly read: () => Promise<TrafficReading | null>;

  constructor(
    private readonly backend: Pick<IpvsBackend, "connections" | "stats" | "daemons">,
    private readonly now: () => number = Date.now,
    maxAgeMs = 1000,
  ) {
    this.read = freshWithin(maxAgeMs, () => this.fresh(), now);
  }

  /**
   * A reading fresh enough if one comes within `waitMs`, else the last one: a slow or hung
   * ipvsadm does not hold up the status.
   */
  within(waitMs: number): Promise<TrafficReading | null> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<TrafficReading | null>((resolve) => {
      timer = setTimeout(() => resolve(this.last), waitMs);
    });
    return Promise.race([this.read(), late]).finally(() => clearTimeout(timer));
  }

  private async fresh(): Promise<TrafficReading | null> {
    try {
      const [connections, stats, daemons] = await Promise.all([this.backend.connections(), this.backend.stats?.() ?? null, this.backend.daemons?.() ?? null]);
      this.last = trafficReading(this.now(), connections, stats, daemons, this.last);
    } catch {
      // The status still answers, with the last reading (its time says how old).
    }
    return this.last;
  }
}
