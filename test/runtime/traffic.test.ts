/** The kernel's traffic as the status reports it, and the status page's view of the services. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { freshWithin } from "../../lib/fresh-within.ts";
import { parseDaemons, parseStats } from "../../runtime/ipvs/saved.ts";
import { statusView, summarize, type RunStatus } from "../../runtime/status.ts";
import { TrafficReader, trafficReading } from "../../runtime/traffic.ts";

// ipvsadm 1.31's `-L -n --stats --exact`.
const STATS = `IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes
  -> RemoteAddress:Port
TCP  192.0.2.10:80                      12      340      310    22660   410870
  -> 10.0.0.2:80                         7      200      180    13000   240000
  -> 10.0.0.3:80                         5      140      130     9660   170870
FWM  7                                   3       30        0     1800        0
  -> 10.0.0.4:0                          3       30        0     1800        0
`;

test("the counters of `ipvsadm -L -n --stats --exact`, by service and destination", () => {
  const s = parseStats(STATS);
  assert.equal(s.services.get("tcp:192.0.2.10:80"), { conns: 12, inPkts: 340, outPkts: 310, inBytes: 22660, outBytes: 410870 });
  assert.equal(s.destinations.get("tcp:192.0.2.10:80 10.0.0.3:80"), { conns: 5, inPkts: 140, outPkts: 130, inBytes: 9660, outBytes: 170870 });
  assert.equal(s.services.get("fwmark:7")?.conns, 3);
  assert.equal(s.destinations.get("fwmark:7 10.0.0.4:0")?.inBytes, 1800);
  assert.equal(parseDaemons("master sync daemon (mcast=eth0, syncid=3)\nbackup sync daemon (mcast=eth1, syncid=3)\n"), ["master", "backup"]);
});

test("connections add up per service; rates come from the reading before, a counter that went back gives none", () => {
  const stats = parseStats(STATS);
  const conns = [
    { service: "tcp:192.0.2.10:80", address: "10.0.0.2", port: 80, active: 4, inactive: 10 },
    { service: "tcp:192.0.2.10:80", address: "10.0.0.3", port: 80, active: 1, inactive: 2 },
  ];
  const first = trafficReading(1_000, conns, stats, null, null);
  const svc = first.services.get("tcp:192.0.2.10:80")!;
  assert.equal([svc.activeConns, svc.inactiveConns, svc.conns, svc.rates], [5, 12, 12, null]);
  const later = parseStats(STATS.replace("TCP  192.0.2.10:80                      12      340", "TCP  192.0.2.10:80                      32      740").replace("10.0.0.3:80                         5", "10.0.0.3:80                         1"));
  const second = trafficReading(3_000, conns, later, ["master"], first);
  assert.equal(second.services.get("tcp:192.0.2.10:80")!.rates, { cps: 10, inPps: 200, outPps: 0, inBps: 0, outBps: 0 });
  assert.is(second.destinations.get("tcp:192.0.2.10:80 10.0.0.3:80")!.rates!.cps, 0);
  assert.equal(second.daemons, ["master"]);
});

function service(key: string, states: string[], virtual = key): RunStatus["services"][number] {
  const servers = states.map((state, i) => ({ address: `10.0.0.${i + 1}`, port: 80, name: null, state, service: key })) as never[];
  const up = states.filter((s) => s === "up").length;
  return { key, virtuals: [virtual], servers, health: up === 0 ? "down" : up === states.length ? "up" : "degraded", sorryServerUp: false } as never;
}

test("the page's view: words all found, problems only, down first, a page at a time", () => {
  const services = [service("tcp:192.0.2.1:80", ["up", "up"], "www"), service("tcp:192.0.2.2:80", ["down"], "mail"), service("tcp:192.0.2.3:443", ["up", "down"], "www-tls")];
  const status = { services, summary: summarize(services) } as unknown as RunStatus;
  const keys = (q: string) => statusView(status, new URLSearchParams(q)).services.map((s) => s.key);
  assert.equal(keys("order=problems"), ["tcp:192.0.2.2:80", "tcp:192.0.2.3:443", "tcp:192.0.2.1:80"]);
  assert.equal(keys("q=WWW"), ["tcp:192.0.2.1:80", "tcp:192.0.2.3:443"]);
  assert.equal(keys("q=www down"), ["tcp:192.0.2.3:443"]);
  assert.equal(keys("problems=1"), ["tcp:192.0.2.2:80", "tcp:192.0.2.3:443"]);
  assert.equal(keys("offset=1&limit=1"), ["tcp:192.0.2.2:80"]);
  assert.equal(keys("limit=-3&offset=x"), keys(""));
  const view = statusView(status, new URLSearchParams("q=www&limit=100000")).view!;
  assert.equal([view.matched, view.total, view.limit], [2, 3, 500]);
  assert.equal(status.summary, { services: { up: 1, degraded: 1, down: 1, total: 3 }, servers: { up: 3, total: 5 } });
});

test("a read wanted within its age is shared, a failed one is tried again", async () => {
  let clock = 0;
  let runs = 0;
  let fail = false;
  const read = freshWithin(1000, async () => {
    runs++;
    if (fail) throw new Error("no");
    return runs;
  }, () => clock);
  assert.equal(await Promise.all([read(), read()]), [1, 1]);
  clock = 999;
  assert.is(await read(), 1);
  clock = 1000;
  fail = true;
  await read().then(() => assert.unreachable(), () => {});
  fail = false;
  assert.is(await read(), 3);
});

test("a hung ipvsadm does not hold up the status: it gets the last reading", async () => {
  let hang = false;
  let clock = 0;
  const reader = new TrafficReader(
    {
      connections: () => (hang ? new Promise(() => {}) : Promise.resolve([{ service: "tcp:192.0.2.1:80", address: "10.0.0.1", port: 80, active: 2, inactive: 1 }])),
      stats: async () => parseStats(STATS),
    },
    () => clock,
  );
  assert.is(await new TrafficReader({ connections: () => new Promise(() => {}) }).within(20), null);
  const first = await reader.within(1000);
  assert.is(first!.services.get("tcp:192.0.2.1:80")!.activeConns, 2);
  hang = true;
  clock = 5000;
  assert.is(await reader.within(20), first);
});

test.run();
