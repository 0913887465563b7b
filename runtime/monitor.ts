import { adjustedWeight, adjustEvery, initialWeight, readmitAfter } from "./checks/weights.ts";

/**
 * nanny's life cycle of one real server, as pure state transitions: the first success puts a
 * server in, one failure takes it out (or quiesces it to weight 0), it comes back after
 * ⌊reentry/interval⌋ successes in a row, and while it is in, its weight starts at 1/32 and
 * doubles about every 20 s up to the configured weight, then follows the load command.
 */

export interface ServerHealth {
  /** In the table taking traffic (nanny's "active"). */
  readonly up: boolean;
  /** In the table at all: up, or quiesced at weight 0. */
  readonly inTable: boolean;
  /** Consecutive successes (nanny's currCount). */
  readonly successes: number;
  /** Checks since the server came up, for the ~20 s weight steps. */
  readonly checksUp: number;
  /** The weight in the table (0 when quiesced). */
  readonly weight: number;
  readonly transitions: number;
}

export interface MonitorSettings {
  /** Seconds between checks. */
  readonly interval: number;
  readonly reentry: number;
  readonly quiesce: boolean;
  /** The weight written in lvs.cf. */
  readonly weight: number;
}

/**
 * A server seen when the runtime starts: one already in the kernel's table is kept as it is (its
 * connections survive a restart); any other is added at its first successful check.
 */
export function initialHealth(s: MonitorSettings, weightInTable: number | null): ServerHealth {
  const inTable = weightInTable !== null;
  return {
    up: inTable && weightInTable > 0,
    inTable,
    successes: readmitAfter(s.reentry, s.interval),
    checksUp: 0,
    weight: weightInTable ?? 0,
    transitions: 0,
  };
}

/** The state after one check. `load` is the load command's reading, when there is one. */
export function afterCheck(h: ServerHealth, ok: boolean, s: MonitorSettings, load: number | null = null): ServerHealth {
  if (!ok) {
    if (!h.up) return { ...h, successes: 0 };
    return {
      up: false,
      inTable: s.quiesce,
      successes: 0,
      checksUp: 0,
      weight: 0,
      transitions: h.transitions + 1,
    };
  }
  const successes = h.successes + 1;
  if (!h.up) {
    if (successes < readmitAfter(s.reentry, s.interval)) return { ...h, successes };
    return { up: true, inTable: true, successes, checksUp: 0, weight: initialWeight(s.weight), transitions: h.transitions + 1 };
  }
  const checksUp = h.checksUp + 1;
  if (checksUp % adjustEvery(s.interval) !== 0) return { ...h, successes, checksUp };
  return { ...h, successes, checksUp, weight: adjustedWeight(h.weight, s.weight, load) };
}
