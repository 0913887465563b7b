/**
 * One probe per distinct target: the monitors whose checks agree on everything that changes
 * what is sent, how the reply is judged and when (address, port, protocol, check, interval,
 * which is also the timeout) share one probe and its result. What a result does to a server
 * (weights, quiesce, readmission, the load monitor) stays each monitor's own.
 */
import type { PlanRealServer, PlanService } from "./manifest.ts";
import type { TickSchedule } from "./tick-schedule.ts";
import type { Monitor } from "./wanted-table.ts";

export interface ProbeGroup {
  readonly key: string;
  readonly members: Set<Monitor>;
  /** A probe of it runs. */
  inFlight: boolean;
  /** Ends its probe under way when the group stops; one for the group's life, not one per probe. */
  readonly abort: AbortController;
}

function probeKey(service: PlanService, server: PlanRealServer): string {
  const c = service.check;
  return JSON.stringify([server.address, server.port, c.protocol, c.check, c.interval]);
}

/** The groups of a director's monitors, by key. */
export class ProbeGroups {
  private readonly groups = new Map<string, ProbeGroup>();

  /** `share` false: every monitor a group of its own. `schedule` holds the groups' next probes. */
  constructor(
    private readonly share: boolean,
    private readonly schedule: TickSchedule<ProbeGroup>,
  ) {}

  keyOf(m: Monitor): string {
    return this.share ? probeKey(m.service, m.server) : m.id;
  }

  /** Puts `m` in the group of its target; the group, and whether it is new. */
  join(m: Monitor): { group: ProbeGroup; created: boolean } {
    const key = this.keyOf(m);
    m.probe = key;
    const found = this.groups.get(key);
    if (found) {
      found.members.add(m);
      return { group: found, created: false };
    }
    const group: ProbeGroup = { key, members: new Set([m]), inFlight: false, abort: new AbortController() };
    this.groups.set(key, group);
    return { group, created: true };
  }

  /** Takes `m` out of its group; a group left empty stops its probe. */
  leave(m: Monitor): void {
    const group = this.groups.get(m.probe);
    if (!group?.members.delete(m)) return;
    if (group.members.size === 0) {
      this.stop(group);
      this.groups.delete(group.key);
    }
  }

  /** Whether `group` is still the one its key names (a reload may have ended it). */
  current(group: ProbeGroup): boolean {
    return this.groups.get(group.key) === group;
  }

  /** The group `m` is in, if any. */
  of(m: Monitor): ProbeGroup | undefined {
    const group = this.groups.get(m.probe);
    return group?.members.has(m) ? group : undefined;
  }

  all(): IterableIterator<ProbeGroup> {
    return this.groups.values();
  }

  /** Whether a probe of `group` is waiting for its time. */
  scheduled(group: ProbeGroup): boolean {
    return this.schedule.has(group);
  }

  stopAll(): void {
    for (const group of this.groups.values()) this.stop(group);
  }

  private stop(group: ProbeGroup): void {
    this.schedule.cancel(group);
    group.abort.abort();
  }
}
