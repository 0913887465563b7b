/**
 * The sub-commands that do not run a director: `status` and `reload` ask a running instance
 * over its control socket, `check` runs one check from an installed manifest (keepalived's
 * MISC_CHECK).
 */
import { readFileSync } from "node:fs";
import { probe } from "./checks/probe.ts";
import { askControl, type ControlRequest } from "./control.ts";
import type { ReloadPlan } from "./director.ts";
import { commandLine } from "./ipvs/backend.ts";
import type { FailoverStatus } from "./failover/node.ts";
import type { BundleManifest } from "./manifest.ts";
import type { RunStatus } from "./status.ts";

export type { RunStatus } from "./status.ts";

export class RunUsageError extends Error {}

/** What a command prints on. */
export interface CommandIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

function ago(at: number): string {
  return `${((Date.now() - at) / 1000).toFixed(1)} s ago`;
}

function failoverLines(f: FailoverStatus): string[] {
  const name = f.role === "master" ? "primary" : "backup";
  const lines = [`${name} director ${f.address}: ${f.active ? "active" : "standing by"} since ${new Date(f.since).toISOString()}: ${f.reason}`];
  if (f.partner) {
    const heard = f.partner.lastHeartbeat ? `last heartbeat ${f.partner.lastHeartbeat.state} ${ago(f.partner.lastHeartbeat.at)}` : "no heartbeat heard";
    lines.push(`  partner ${f.partner.address}: ${heard}`);
  } else {
    lines.push("  no partner director");
  }
  if (f.linkFailed) lines.push("  local link down: activation disabled");
  return lines;
}

const secondsAgo = (at: number): number => Math.max(0, Math.round((Date.now() - at) / 1000));

/** The kernel's weight of a server as last read, where it differs from the one lvs-run sets. */
function kernelView(status: RunStatus, rs: RunStatus["services"][number]["servers"][number]): string {
  if (status.tableReadAt === null || rs.kernelWeight === rs.weight) return "";
  // lvs-run changed the table since that read: the read says nothing about it any more.
  if (status.tableChangedAt !== null && status.tableChangedAt >= status.tableReadAt) return "";
  return ` (kernel's table ${secondsAgo(status.tableReadAt)} s ago: ${rs.kernelWeight === null ? "absent" : `weight ${rs.kernelWeight}`})`;
}

export function formatStatus(status: RunStatus): string {
  const lines: string[] = status.failover ? failoverLines(status.failover) : [];
  for (const s of status.services) {
    lines.push(`${s.key} ${s.scheduler}${s.sorryServerUp ? " (sorry server in)" : ""}`);
    for (const rs of s.servers) {
      const last = rs.lastCheck ? ` last ${rs.lastCheck.ok ? "ok" : "failed"} ${Math.round(rs.lastCheck.latencyMs)} ms: ${rs.lastCheck.summary}` : "";
      lines.push(`  ${rs.address}:${rs.port} ${rs.state} weight ${rs.weight}${kernelView(status, rs)}${last}`);
    }
  }
  lines.push(`ipvsadm calls ${status.ipvsadmCalls}, failed ${status.ipvsadmFailures}; ${status.tableRepairs} changes from outside put back`);
  return lines.join("\n") + "\n";
}

/** `lvs-run plan`'s answer as an operator reads it: each command, and what it costs in connections. */
export function formatReloadPlan(plan: ReloadPlan): string {
  if (!plan.managing) return "standing by: a reload changes nothing in this director's table\n";
  if (plan.steps.length === 0) return "a reload changes nothing in the IPVS table\n";
  const lines = [`a reload runs ${plan.steps.length} ipvsadm command${plan.steps.length === 1 ? "" : "s"}:`];
  for (const { command, connections: c } of plan.steps) {
    lines.push(`  ${commandLine("ipvsadm", command)}${c ? `  (${c.active} active, ${c.inactive} inactive connections)` : ""}`);
  }
  return lines.join("\n") + "\n";
}

/** `lvs-run status` or `lvs-run reload`: the running instance's answer; exit 1 when none answers or it refuses. */
export async function controlCommand(stateDir: string, request: ControlRequest, json: boolean, io: CommandIO): Promise<number> {
  let answer: unknown;
  try {
    // A reload answers once the new configuration is applied, which takes longer than a status.
    answer = await askControl(stateDir, request, request === "status" ? 5000 : 60_000);
  } catch (e) {
    io.stderr(`lvs-run: no running lvs-run answers in ${stateDir}: ${(e as Error).message}\n`);
    return 1;
  }
  if (answer && typeof answer === "object" && "error" in answer) {
    io.stderr(`lvs-run: ${String((answer as { error: unknown }).error)}\n`);
    return 1;
  }
  if (request === "reload" || json) io.stdout(JSON.stringify(answer, null, 2) + "\n");
  else io.stdout(request.startsWith("plan ") ? formatReloadPlan(answer as ReloadPlan) : formatStatus(answer as RunStatus));
  return 0;
}

/** `lvs-run check`: one check of one server from an installed manifest; exit 0 when it passes. */
export async function checkCommand(manifestPath: string, serviceKey: string, server: string, io: CommandIO): Promise<number> {
  const plan = (JSON.parse(readFileSync(manifestPath, "utf8")) as BundleManifest).plan;
  const service = plan.services.find((s) => s.key === serviceKey);
  if (!service) throw new RunUsageError(`no service '${serviceKey}' in ${manifestPath}`);
  const m = /^(\d+\.\d+\.\d+\.\d+):(\d+)$/.exec(server);
  if (!m) throw new RunUsageError(`--server takes ADDRESS:PORT, not '${server}'`);
  const outcome = await probe(service.check, { address: m[1]!, port: Number(m[2]) });
  io.stdout(`${outcome.ok ? "ok" : "failed"}: ${outcome.detail}\n`);
  return outcome.ok ? 0 : 1;
}
