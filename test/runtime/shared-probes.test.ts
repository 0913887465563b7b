/**
 * One probe per distinct target: services that check one real server alike share one probe and
 * its result, while what a result does stays per service (quiesce, readmission after `reentry`).
 * Against a director with a probe per monitor, on generated plans, the servers end in the same
 * states. The probe is a stand-in whose answer is whether the target is in an "up" set.
 */
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { CheckOutcome } from "../../runtime/checks/types.ts";
import { Director } from "../../runtime/director.ts";
import { reconcile } from "../../runtime/ipvs/reconcile.ts";
import { metricsText } from "../../runtime/metrics.ts";
import type { IpvsBackend } from "../../runtime/ipvs/types.ts";
import type { PlanRealServer, PlanService, RuntimePlan } from "../../runtime/manifest.ts";
import { runParams } from "../helpers/arbitraries.ts";
import { waitFor } from "../helpers/wait.ts";
import { natPlan, natService, realServer } from "../helpers/plans.ts";

const PORT = 8080;
const noTable: IpvsBackend = { read: async () => ({ services: [], destinations: [] }), connections: async () => [], run: async () => {} };

/** A director that only checks (standing by), its probes counted by target. */
function checking(plan: RuntimePlan, up: Set<string>, shareProbes: boolean): { director: Director; probes: Map<string, number> } {
  const probes = new Map<string, number>();
  const director = new Director(plan, {
    backend: noTable,
    probe: async (_service: PlanService, server: PlanRealServer): Promise<CheckOutcome> => {
      probes.set(server.address, (probes.get(server.address) ?? 0) + 1);
      const ok = up.has(server.address);
      return { ok, latencyMs: 0, detail: ok ? "up" : "down", summary: ok ? "connected" : "connect refused" };
    },
    load: null,
    reconcile,
    log: () => {},
    drainTimeoutMs: 60_000,
    shareProbes,
  });
  return { director, probes };
}

const service = (vip: string, servers: readonly string[], interval: number, reentry: number, quiesce: boolean): PlanService => {
  const s = natService(vip, servers.map((a, i) => realServer(`rs${i}`, a, PORT, 8)));
  return { ...s, check: { ...s.check, interval, reentry, quiesce } };
};

const states = (d: Director): string[] => d.status().services.flatMap((s) => s.servers.map((rs) => `${s.key} ${rs.address} ${rs.state}`));

test("two services checking one server alike: one probe, and each service its own quiesce and reentry", async () => {
  const up = new Set(["127.0.1.1"]);
  const plan = natPlan([service("10.0.0.1", ["127.0.1.1"], 0.05, 0.1, true), service("10.0.0.2", ["127.0.1.1"], 0.05, 0.4, false)]);
  const { director, probes } = checking(plan, up, true);
  director.watch();
  try {
    await waitFor("both see it up", () => states(director).every((s) => s.endsWith(" up")));
    assert.equal(director.status().services.map((s) => s.servers[0]!.probeSharedWith), [["tcp:10.0.0.2:80"], ["tcp:10.0.0.1:80"]]);
    const metrics = metricsText({ ...director.status(), failover: null });
    assert.match(metrics, /^lvs_run_server_probe_shared_with\{service="tcp:10\.0\.0\.1:80",server="127\.0\.1\.1:8080"\} 1$/m);
    const before = probes.get("127.0.1.1")!;
    await new Promise((r) => setTimeout(r, 500));
    const perInterval = (probes.get("127.0.1.1")! - before) / (500 / 50);
    assert.ok(perInterval <= 1.2, `${perInterval.toFixed(2)} probes per interval for two services`);
    // Down: the quiescing service keeps it at weight 0, the other takes it out.
    up.clear();
    await waitFor("both see it down", () => director.status().services.every((s) => s.servers[0]!.state !== "up"));
    assert.equal(states(director), ["tcp:10.0.0.1:80 127.0.1.1 quiesced", "tcp:10.0.0.2:80 127.0.1.1 down"]);
    // Back: readmitted after its own reentry in each service (2 successes, then 8).
    up.add("127.0.1.1");
    await waitFor("the quick service readmits it", () => director.status().services[0]!.servers[0]!.state === "up");
    assert.is(director.status().services[1]!.servers[0]!.state, "down", "the slow one not yet");
    await waitFor("the slow service readmits it", () => director.status().services[1]!.servers[0]!.state === "up");
  } finally {
    await director.stop(true);
  }
});

const ADDRESSES = ["127.0.1.11", "127.0.1.12", "127.0.1.13"];
const generatedPlan = fc
  .array(
    fc.record({
      servers: fc.subarray(ADDRESSES, { minLength: 1 }),
      interval: fc.constantFrom(0.04, 0.06),
      reentry: fc.constantFrom(0.04, 0.12, 0.2),
      quiesce: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((services) => natPlan(services.map((s, i) => service(`10.0.2.${i + 1}`, s.servers, s.interval, s.reentry, s.quiesce))));
const phases = fc.array(fc.subarray(ADDRESSES), { minLength: 1, maxLength: 3 });

test("shared probes leave every server in the state a probe per monitor leaves it in (8 runs)", async () => {
  await fc.assert(
    fc.asyncProperty(generatedPlan, phases, async (plan, ups) => {
      const up = new Set<string>();
      const shared = checking(plan, up, true);
      const alone = checking(plan, up, false);
      shared.director.watch();
      alone.director.watch();
      try {
        for (const phase of ups) {
          up.clear();
          for (const a of phase) up.add(a);
          // Long enough for any reentry of the plan to run its course, several times over.
          await new Promise((r) => setTimeout(r, 700));
          assert.equal(states(shared.director), states(alone.director), `up: ${phase.join(", ")}`);
        }
        const sharedProbes = [...shared.probes.values()].reduce((a, b) => a + b, 0);
        const aloneProbes = [...alone.probes.values()].reduce((a, b) => a + b, 0);
        assert.ok(sharedProbes <= aloneProbes + 3, `shared ${sharedProbes} probes, alone ${aloneProbes}`);
      } finally {
        await shared.director.stop(true);
        await alone.director.stop(true);
      }
    }),
    runParams(8),
  );
});

test.run();
