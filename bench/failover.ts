/**
 * Takeover time of an lvs-run pair: two directors and a client in network namespaces (root
 * needed), the active director's lvs-run killed with SIGKILL ten times, alternately on each
 * side; the time from the kill until the other director holds the VIP.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hasVip, PAIR_VIP, pairLvsCf, pairNetwork, RunningDirector } from "../test/helpers/failover-pair.ts";
import { waitFor } from "../test/helpers/wait.ts";

const KILLS = 10;
/** The keepalive pairLvsCf writes. */
const KEEPALIVE_S = 1;
const DEADTIME_S = 2;
const VIP = PAIR_VIP;

export interface FailoverFigures {
  readonly keepaliveS: number;
  readonly deadtimeS: number;
  /** Milliseconds from each SIGKILL until the partner held the VIP. */
  readonly takeoverMs: readonly number[];
  readonly maxMs: number;
  readonly medianMs: number;
  readonly targetMs: number;
}

/** The figures, or why they could not be taken (network namespaces need root). */
export async function failoverBench(lvsCompile: string): Promise<FailoverFigures | { skipped: string }> {
  if (process.getuid?.() !== 0) return { skipped: "needs root for network namespaces" };
  const work = mkdtempSync(join(tmpdir(), "lvs-bench-failover-"));
  const net = pairNetwork();
  const directors: RunningDirector[] = [];
  try {
    writeFileSync(join(work, "lvs.cf"), pairLvsCf({ deadtimeS: DEADTIME_S, monitorLinks: false }));
    const compiled = spawnSync(process.execPath, [lvsCompile, join(work, "lvs.cf"), "-o", join(work, "bundle")], { encoding: "utf8" });
    if (compiled.status !== 0) throw new Error(`lvs-compile failed: ${compiled.stderr}`);
    let active = new RunningDirector(net.d1, join(work, "d1"), join(work, "bundle"));
    let standby = new RunningDirector(net.d2, join(work, "d2"), join(work, "bundle"));
    directors.push(active, standby);
    const logs = () => directors.map((d) => d.log).join("\n");
    active.start();
    await waitFor("the primary takes the VIP", () => hasVip(active.ns, VIP), 20_000, logs);
    standby.start();
    const takeoverMs: number[] = [];
    for (let i = 0; i < KILLS; i++) {
      await waitFor("the standby hears the active director", () => /standing by since[^\n]*\n  partner [0-9.]+: last heartbeat running/.test(standby.status()), 20_000, logs);
      const killedAt = performance.now();
      await active.kill("SIGKILL");
      await waitFor("the standby takes the VIP", () => hasVip(standby.ns, VIP), (DEADTIME_S + 10) * 1000, logs);
      takeoverMs.push(performance.now() - killedAt);
      // The killed director comes back and stands by: it drops the VIP its killed run left.
      active.start();
      await waitFor("the restarted director drops its stale VIP", () => !hasVip(active.ns, VIP), 20_000, logs);
      [active, standby] = [standby, active];
    }
    return summary(takeoverMs);
  } finally {
    for (const d of directors) if (d.running) await d.kill("SIGKILL");
    net.destroy();
    rmSync(work, { recursive: true, force: true });
  }
}

function summary(takeoverMs: number[]): FailoverFigures {
  const sorted = [...takeoverMs].sort((a, b) => a - b);
  return {
    keepaliveS: KEEPALIVE_S,
    deadtimeS: DEADTIME_S,
    takeoverMs: takeoverMs.map(Math.round),
    maxMs: Math.round(sorted.at(-1) ?? 0),
    medianMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
    targetMs: DEADTIME_S * 1000 + 500,
  };
}

export function failoverLines(f: FailoverFigures | { skipped: string }): string[] {
  if ("skipped" in f) return [`lvs-run failover | skipped: ${f.skipped}`];
  return [
    `lvs-run failover (keepalive ${f.keepaliveS} s, deadtime ${f.deadtimeS} s, ${f.takeoverMs.length} SIGKILLs of the active director, network namespaces)`,
    `lvs-run failover | takeover (kill until the partner holds the VIP) | max ${f.maxMs} ms | median ${f.medianMs} ms | target ≤ ${f.targetMs} ms | ${f.takeoverMs.join(", ")}`,
  ];
}
