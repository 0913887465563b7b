/**
 * A director over the fake ipvsadm and real TCP servers on loopback addresses, for the director
 * tests and the fault suite.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { probe } from "../../runtime/checks/probe.ts";
import { Director, type LogEvent } from "../../runtime/director.ts";
import { ipvsadmBackend } from "../../runtime/ipvs/backend.ts";
import { reconcile } from "../../runtime/ipvs/reconcile.ts";
import type { IpvsTable } from "../../runtime/ipvs/types.ts";
import type { PlanService, RuntimePlan } from "../../runtime/manifest.ts";
import type { Ownership } from "../../runtime/ownership.ts";
import { createFakeIpvsadm, type FakeIpvsadm } from "./fake-ipvsadm.ts";
import { natPlan, natService, realServer } from "./plans.ts";
import { waitFor } from "./wait.ts";

export interface Listener {
  readonly address: string;
  port: number;
  server: Server | null;
}

export async function listen(l: Listener): Promise<void> {
  const server = createServer((socket) => socket.on("error", () => {}).end());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(l.port, l.address, () => resolve());
  });
  l.port = (server.address() as { port: number }).port;
  l.server = server;
}

export async function close(l: Listener): Promise<void> {
  const server = l.server;
  l.server = null;
  await new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve());
}

export function planOf(servers: readonly Listener[], extra: Partial<PlanService> = {}, quiesce = false): RuntimePlan {
  const service = natService(
    "10.0.0.100",
    servers.map((l, i) => realServer(`rs${i}`, l.address, l.port, 64)),
    extra,
  );
  return natPlan([{ ...service, check: { ...service.check, quiesce } }], {
    failover: { ...natPlan([]).failover, keepalive: 2, deadtime: 5 },
  });
}

export interface Rig {
  readonly fake: FakeIpvsadm;
  readonly director: Director;
  readonly events: LogEvent[];
  readonly dir: string;
}

export interface RigOptions {
  readonly drainTimeoutMs?: number;
  readonly onFatal?: (reason: string) => void;
  readonly now?: () => number;
  readonly resyncMs?: number;
  readonly ownership?: Ownership;
}

/** A director over the fake ipvsadm `fake`, its events pushed to `events`. */
export function directorOver(fake: FakeIpvsadm, plan: RuntimePlan, events: LogEvent[], { drainTimeoutMs = 60_000, onFatal, now, resyncMs, ownership }: RigOptions = {}): Director {
  return new Director(plan, {
    backend: ipvsadmBackend(fake.path),
    probe: (service, server, signal) => probe(service.check, { address: server.address, port: server.port }, { signal }),
    load: null,
    reconcile,
    log: (e) => void events.push(e),
    drainTimeoutMs,
    ...(onFatal ? { onFatal } : {}),
    ...(now ? { now } : {}),
    ...(resyncMs ? { resyncMs } : {}),
    ...(ownership ? { ownership } : {}),
  });
}

export function rig(plan: RuntimePlan, options: RigOptions = {}): Rig {
  const dir = mkdtempSync(join(tmpdir(), "lvs-run-"));
  const fake = createFakeIpvsadm(dir);
  const events: LogEvent[] = [];
  return { fake, director: directorOver(fake, plan, events, options), events, dir };
}

/** Two servers listening on 127.0.0.2 and 127.0.0.3, and a director over them. */
export async function rigOfTwo(): Promise<{ a: Listener; b: Listener; r: Rig }> {
  const a: Listener = { address: "127.0.0.2", port: 0, server: null };
  const b: Listener = { address: "127.0.0.3", port: 0, server: null };
  await listen(a);
  await listen(b);
  return { a, b, r: rig(planOf([a, b])) };
}

/** Stands by (checks without a table) until every server of the first service is up. */
export async function watchUntilAllUp(r: Rig): Promise<void> {
  r.director.watch();
  await waitFor("every server is seen up", () => r.director.status().services[0]!.servers.every((s) => s.state === "up"));
}

export async function finish(r: Rig, listeners: readonly Listener[]): Promise<void> {
  await r.director.stop(true);
  for (const l of listeners) await close(l);
  rmSync(r.dir, { recursive: true, force: true });
}


export const weights = (t: IpvsTable): Record<string, number> => Object.fromEntries(t.destinations.map((d) => [`${d.address}:${d.port}`, d.weight]));
