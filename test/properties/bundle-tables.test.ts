/**
 * The bundle's tables from generated configurations: director/ipvsadm.rules reads back (with
 * the runtime's own parser) as the table the runtime wants with every server up, and the
 * real-server data holds exactly the lines worked out here the plain way: one per real server
 * and VIP, protocol and ports it takes, first come first kept.
 */
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checkForCompile, hasErrors } from "../../compiler/emit/compile.ts";
import { ipvsadmRules } from "../../compiler/emit/ipvsadm-rules.ts";
import { isFtp, realServerData } from "../../compiler/emit/realserver-data.ts";
import { buildPlan } from "../../compiler/model/plan.ts";
import { desiredTable } from "../../runtime/ipvs/desired.ts";
import { parseSaved } from "../../runtime/ipvs/saved.ts";
import type { BundleOptions, RuntimePlan } from "../../runtime/manifest.ts";
import { runParams } from "../helpers/arbitraries.ts";

const server = fc.record({
  host: fc.integer({ min: 1, max: 4 }),
  port: fc.constantFrom(null, 80, 8080),
  active: fc.boolean(),
  weight: fc.integer({ min: 0, max: 3 }),
});
/** A virtual server, or with a mark the virtuals that share it: one VIP, protocol and server list, a port each. */
const virtuals = fc.record({
  vip: fc.integer({ min: 10, max: 12 }),
  ports: fc.uniqueArray(fc.constantFrom(80, 21, 443), { minLength: 1, maxLength: 3 }),
  protocol: fc.constantFrom("tcp", "udp"),
  marked: fc.boolean(),
  servers: fc.uniqueArray(server, { minLength: 1, maxLength: 4, selector: (s) => s.host }),
});
const config = fc.record({
  network: fc.constantFrom("direct", "nat", "tunnel"),
  groups: fc.array(virtuals, { minLength: 1, maxLength: 4 }),
});
const options = fc.record({
  target: fc.constantFrom("modern" as const, "rhel5" as const),
  drArp: fc.constantFrom("arptables" as const, "iptables" as const, "sysctl" as const),
  ftpPassive: fc.constant({ min: 10000, max: 20000 }),
});

type Config = typeof config extends fc.Arbitrary<infer T> ? T : never;

function text(c: Config): string {
  const lines = ["serial_no = 1", "primary = 192.168.1.2", "service = lvs", `network = ${c.network}`];
  if (c.network === "nat") lines.push("nat_router = 192.168.2.254 eth1:1");
  let n = 0;
  c.groups.forEach((g, i) => {
    // Unmarked, each port is a virtual of its own; marked, they share mark i + 1.
    for (const port of g.marked ? g.ports : g.ports.slice(0, 1)) {
      // One device per VIP, as pulse needs; a UDP check with something to send; marks persistent.
      lines.push(`virtual v${n++} {`, "     active = 1", `     address = 192.168.1.${g.vip} eth0:${g.vip}`, `     port = ${port}`, `     protocol = ${g.protocol}`);
      if (g.protocol === "udp") lines.push('     send = "ping"', '     expect = "pong"');
      if (g.marked) lines.push(`     fwmark = ${i + 1}`, "     persistent = 60");
      g.servers.forEach((s, j) => {
        lines.push(`     server s${j} {`, `         address = 192.168.2.${s.host}`, `         active = ${s.active ? 1 : 0}`, `         weight = ${s.weight}`);
        // Only NAT maps a server to another port.
        if (s.port !== null && c.network === "nat") lines.push(`         port = ${s.port}`);
        lines.push("     }");
      });
      lines.push("}");
    }
  });
  return lines.join("\n") + "\n";
}

/** Rule ids of the errors that kept generated files from compiling, for the report. */
const refusedBy = new Map<string, number>();

function planOf(t: string): RuntimePlan | null {
  const checked = checkForCompile(t);
  for (const d of checked.diagnostics) if (d.severity === "error") refusedBy.set(d.ruleId, (refusedBy.get(d.ruleId) ?? 0) + 1);
  return hasErrors(checked) ? null : buildPlan(checked.model);
}

/** The data lines the plain way: every (server, take) of every service, a key set for the repeats. */
function expectedLines(plan: RuntimePlan, o: BundleOptions): string[][] {
  const arp = plan.method === "nat" ? "-" : plan.method === "tunnel" ? "sysctl" : o.drArp;
  const gateway = plan.method === "nat" && plan.natRouter ? plan.natRouter.address : "-";
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const s of plan.services) {
    const takes: string[][] = [];
    for (const m of s.members) {
      takes.push([m.address, m.protocol, String(m.port)]);
      if (arp === "iptables" && isFtp(m)) takes.push([m.address, "tcp", "10000:20000"]);
    }
    for (const rs of s.servers) {
      for (const t of takes) {
        const key = [rs.address, ...t].join(" ");
        if (seen.has(key)) continue;
        seen.add(key);
        out.push([rs.address, plan.method, ...t, arp, gateway]);
      }
    }
  }
  return out;
}

test("ipvsadm.rules is the runtime's table with every server up; the data file has every line once", () => {
  let planned = 0;
  fc.assert(
    fc.property(config, options, (c, o) => {
      const plan = planOf(text(c));
      if (plan === null) return;
      planned++;
      const upWeight = (key: string, address: string, port: number) =>
        plan.services.find((s) => s.key === key)?.servers.find((rs) => rs.active && rs.address === address && rs.port === port)?.effectiveWeight ?? null;
      assert.equal(parseSaved(ipvsadmRules(plan)), desiredTable(plan, upWeight));
      const data = realServerData(plan, o)
        .split("\n")
        .filter((l) => l !== "" && !l.startsWith("#"))
        .map((l) => l.split(/ +/));
      assert.equal(data, expectedLines(plan, o));
    }),
    runParams(200),
  );
  assert.ok(planned > 100, `most generated files compile (${planned} of 200; errors: ${[...refusedBy].map(([r, n]) => `${r} ${n}`).join(", ")})`);
});

test.run();
