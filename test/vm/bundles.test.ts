/**
 * The golden bundles of the examples on a real IPVS kernel, in one VM boot: each bundle's
 * director and real servers in namespaces with the example's addresses, clients beside them.
 * Every real server runs the bundle's one real-server kit, which finds its lines by address.
 * start must give the IPVS table ipvsadm.rules describes and carry HTTP to every real server;
 * stop must leave every namespace as it found it.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { BundleManifest, PlanService, RuntimePlan } from "../../runtime/manifest.ts";
import { REPO_ROOT_PATH } from "../helpers/paths.ts";
import { explain, runInVm } from "./harness.ts";

const BUNDLES = join(REPO_ROOT_PATH, "fixtures", "bundles");
const CLIENTS = ["c1", "c2", "c3"];
/** Requests from each client to each URL: persistence sends one client to one server. */
const REQUESTS = 2;

interface Case {
  /** `example/variant`, the bundle's folder under fixtures/bundles and under /payload. */
  id: string;
  plan: RuntimePlan;
  realServers: string[];
}

/** Direct routing with both ways of keeping real servers quiet on ARP (sysctl, arptables); NAT. */
const CASE_IDS = [
  "dr-www/modern-sysctl",
  "dr-www/modern-arptables",
  "ha-pair-dr/modern-sysctl",
  "ha-pair-dr/modern-arptables",
  "nat-web-ftp/modern-sysctl",
];

function loadCase(id: string): Case {
  const dir = join(BUNDLES, id);
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as BundleManifest;
  const realServers = [...new Set(manifest.plan.services.flatMap((s) => s.servers.map((rs) => rs.address)))].sort();
  return { id, plan: manifest.plan, realServers };
}

const net24 = (address: string): string => address.split(".").slice(0, 3).join(".");
const rsNs = (address: string): string => `rs-${address}`;
/** What a real server's httpd on `port` answers: its address, and the port unless it is 80. */
const body = (address: string, port: number): string => (port === 80 ? address : `${address}:${port}`);

/** Every TCP port a service takes, with the URL a client uses and the bodies it must see. */
function httpTargets(s: PlanService): { port: number; url: string; bodies: string[] }[] {
  const active = s.servers.filter((rs) => rs.active);
  return s.members
    .filter((m) => m.protocol === "tcp")
    .map((m) => ({
      port: m.port,
      url: `http://${m.address}:${m.port}/`,
      bodies: [...new Set(active.map((rs) => body(rs.address, m.port)))].sort(),
    }));
}

function caseScript(c: Case): string {
  const { id, plan } = c;
  const nat = plan.method === "nat";
  const director = plan.failover.primary;
  const pub = net24(director.address);
  const bundle = `/payload/${id}`;
  const state = (ns: string) => `LVS_STATE_DIR=/tmp/lvs/${id}/${ns}`;
  const servers = ["director", ...c.realServers.map(rsNs)];
  const namespaces = [...servers, ...CLIENTS];
  const targets = plan.services.flatMap(httpTargets);
  const ports = [...new Set(targets.map((t) => t.port))];
  // Every real server runs the one kit; each finds its own lines by its address.
  const rsScript = (a: string, action: string) => `in_ns ${rsNs(a)} env ${state(rsNs(a))} ${bundle}/realserver/lvs-realserver ${action}`;
  const directorScript = (action: string) => `in_ns director env ${state("director")} ${bundle}/director/lvs-director ${action}`;

  const lines = [
    `echo "@@SECTION ${id}"`,
    nat ? "bridge_add br-pub br-priv" : "bridge_add br-pub",
    `ns_add ${namespaces.join(" ")}`,
    `ns_link director eth0 br-pub ${director.address}/24`,
    ...(nat ? [`ns_link director eth1 br-priv ${director.privateAddress ?? `${net24(plan.natRouter!.address)}.254`}/24`] : []),
    ...CLIENTS.map((ns, i) => `ns_link ${ns} eth0 br-pub ${pub}.${201 + i}/24`),
    ...c.realServers.map((a) => `ns_link ${rsNs(a)} eth0 ${nat ? "br-priv" : "br-pub"} ${a}/24`),
    ...c.realServers.flatMap((a) => ports.map((p) => `http_serve ${rsNs(a)} ${body(a, p)} ${p}`)),
    `for ns in ${servers.join(" ")}; do ns_state $ns >/tmp/before.$ns; done`,

    `check ${id}:director-start ${directorScript("start")}`,
    ...(plan.failover.backup ? [`check ${id}:director-vip-up ${directorScript("vip-up")}`] : []),
    ...c.realServers.map((a) => `check ${id}:realserver-${a}-start ${rsScript(a, "start")}`),
    `check ${id}:director-status ${directorScript("status")}`,
    ...c.realServers.map((a) => `check ${id}:realserver-${a}-status ${rsScript(a, "status")}`),
    `in_ns director ipvsadm -Ln`,
    `check_same ${id}:ipvsadm-rules "$(grep -v '^[[:space:]]*#' ${bundle}/director/ipvsadm.rules | grep . | sort)" "$(in_ns director ipvsadm -Sn | sort)"`,
    ...targets.map(
      (t) => `check_same ${id}:http-${t.url.slice(7, -1)} "${t.bodies.join("\n")}" "$(http_spread ${t.url} ${REQUESTS} ${CLIENTS.join(" ")} | cut -d' ' -f2-)"`,
    ),
    ...(nat
      ? []
      : plan.vips.map(
          (v) =>
            `check_same ${id}:arp-${v.address}-is-director "$(ip -n director -o link show eth0 | sed -n 's/.*link\\/ether \\([0-9a-f:]*\\).*/\\1/p')" "$(ip -n c1 neigh show ${v.address} | sed -n 's/.*lladdr \\([0-9a-f:]*\\).*/\\1/p')"`,
        )),

    ...c.realServers.map((a) => `check ${id}:realserver-${a}-stop ${rsScript(a, "stop")}`),
    `check ${id}:director-stop ${directorScript("stop")}`,
    `check_same ${id}:ipvs-table-empty "" "$(in_ns director ipvsadm -Sn)"`,
    `check_exit ${id}:director-status-stopped 3 ${directorScript("status")}`,
    `for ns in ${servers.join(" ")}; do check_same ${id}:$ns-restored "$(cat /tmp/before.$ns)" "$(ns_state $ns)"; done`,
    "teardown",
  ];
  return lines.join("\n");
}

test("golden bundles: start, IPVS table, HTTP to every real server, stop (one VM boot)", () => {
  assert.ok(existsSync(BUNDLES), `no golden bundles in ${BUNDLES}`);
  const cases = CASE_IDS.map(loadCase);
  const payload = mkdtempSync(join(tmpdir(), "lvs-bundles-"));
  try {
    for (const c of cases) cpSync(join(BUNDLES, c.id), join(payload, c.id), { recursive: true });
    const script = [". /usr/local/lib/vmtest.sh", ...cases.map(caseScript), "result", ""].join("\n\n");
    const run = runInVm(script, payload, 540);
    assert.ok(run.ok, explain(run));
    for (const c of cases) {
      for (const step of ["director-start", "ipvsadm-rules", "director-stop", "ipvs-table-empty", "director-restored"]) {
        assert.ok(
          run.checks.some((k) => k.name === `${c.id}:${step}` && k.pass),
          `${c.id}:${step} did not pass\n${explain(run)}`,
        );
      }
      assert.ok(run.checks.some((k) => k.name.startsWith(`${c.id}:http-`) && k.pass), `${c.id}: no HTTP check passed`);
    }
  } finally {
    rmSync(payload, { recursive: true, force: true });
  }
});

test.run();
