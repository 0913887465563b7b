/**
 * The status page's part of `npm run bench`: a director of 10,000 services with 10 real servers
 * each, its status served by lvs-run's own HTTP routes, the page opened in Chromium. It reports
 * the size of the whole `/status.json` and of the page's one page of it, the server's time to
 * answer the page, the page's first render (from the start of navigation) and the main-thread
 * time of one refresh (Chromium's TaskDuration over several refreshes).
 */
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import type { ServerStatus, ServiceStatus } from "../runtime/director-status.ts";
import { statusView, summarize, type RunStatus } from "../runtime/status.ts";
import { serveHttp } from "../runtime/web/server.ts";
import { Browser, chromiumAvailable } from "../test/helpers/chromium.ts";
import { waitFor } from "../test/helpers/wait.ts";

const SERVICES = 10_000;
const SERVERS = 10;
const REFRESHES = 6;

export interface PageFigures {
  readonly services: number;
  readonly fullJsonBytes: number;
  readonly pageJsonBytes: number;
  /** Median time lvs-run's route takes to choose and encode the page's services. */
  readonly serverMsPerRefresh: number;
  readonly firstRenderMs: number;
  readonly refreshMainThreadMs: number;
}

/** A director's status with `services` services, one real server in seven down. */
function syntheticStatus(services: number, now: number): RunStatus {
  const list: ServiceStatus[] = [];
  for (let s = 0; s < services; s++) {
    const address = `172.${16 + (s >> 16)}.${(s >> 8) & 255}.${s & 255}`;
    const servers: ServerStatus[] = [];
    for (let k = 0; k < SERVERS; k++) {
      const down = (s * SERVERS + k) % 7 === 0;
      const traffic = { activeConns: down ? 0 : 12, inactiveConns: down ? 0 : 40, conns: 91_000, inPkts: 2_000_000, outPkts: 0, inBytes: 150_000_000, outBytes: 0, rates: { cps: 3, inPps: 90, outPps: 0, inBps: 7000, outBps: 0 } };
      servers.push({
        service: `tcp:${address}:80`,
        address: `10.${(s >> 8) & 255}.${s & 255}.${k + 1}`,
        port: 80,
        name: `rs${k}`,
        state: down ? "down" : "up",
        since: now - 3_600_000,
        weight: down ? 0 : 10,
        kernelWeight: down ? null : 10,
        traffic: down ? null : traffic,
        probeSharedWith: [],
        lastCheck: { ok: !down, summary: down ? "connect refused" : "reply as expected", latencyMs: 0.8, at: now - 500 },
        transitions: 1,
        checks: 3600,
        checkFailures: down ? 3600 : 0,
      });
    }
    list.push({
      key: `tcp:${address}:80`,
      protocol: "tcp",
      address,
      port: 80,
      fwmark: null,
      scheduler: "wlc",
      persistence: null,
      virtuals: [`web${s}`],
      check: "http-default",
      health: servers.some((x) => x.state === "down") ? "degraded" : "up",
      sorryServerUp: false,
      traffic: { activeConns: 100, inactiveConns: 360, conns: 819_000, inPkts: 18_000_000, outPkts: 0, inBytes: 1_350_000_000, outBytes: 0, rates: { cps: 27, inPps: 810, outPps: 0, inBps: 63000, outBps: 0 } },
      servers,
    });
  }
  return {
    schema: 1,
    at: now,
    startedAt: now - 86_400_000,
    bundle: { path: "/etc/lvs-toolchain", hash: "0".repeat(64), serialNo: 2026120701 },
    services: list,
    ipvsadmCalls: 0,
    ipvsadmFailures: 0,
    tableRepairs: 0,
    tableReadAt: now,
    tableChangedAt: now - 1000,
    trafficReadAt: now,
    failover: null,
    syncDaemon: null,
    events: [],
    summary: summarize(list),
  };
}

export async function pageBench(): Promise<PageFigures | { skipped: string }> {
  if (!chromiumAvailable()) return { skipped: "no chromium on this machine" };
  const status = syntheticStatus(SERVICES, Date.now());
  const serverMs: number[] = [];
  let tick = 0;
  const server = await serveHttp(
    { host: "127.0.0.1", port: 0 },
    {
      status: async (query) => {
        const t0 = performance.now();
        // Each refresh finds something changed: the time, and one server's latency.
        const now = { ...status, at: status.at + ++tick * 1500 };
        const view = query.size > 0 ? statusView(now, query) : now;
        const text = JSON.stringify(view);
        serverMs.push(performance.now() - t0);
        return JSON.parse(text) as unknown;
      },
      metrics: async () => "",
    },
    null,
  );
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = Browser.launch();
  try {
    const fullJsonBytes = Buffer.byteLength(JSON.stringify(status));
    const pageJsonBytes = Buffer.byteLength(JSON.stringify(statusView(status, new URLSearchParams("offset=0&limit=50&order=problems"))));
    const page = await browser.newPage();
    await page.send("Performance.enable");
    await page.open(url);
    const refreshes = () => page.evaluate<number>("Number(document.body.dataset.refreshes || 0)");
    await waitFor("the first render", async () => (await refreshes()) > 0, 60_000);
    const firstRenderMs = await page.evaluate<number>(`performance.getEntriesByName("lvs-first-render")[0].startTime`);
    const taskSeconds = async () => ((await page.send("Performance.getMetrics")) as { metrics: Array<{ name: string; value: number }> }).metrics.find((m) => m.name === "TaskDuration")!.value;
    const from = await refreshes();
    const before = await taskSeconds();
    await waitFor(`${REFRESHES} refreshes`, async () => (await refreshes()) >= from + REFRESHES, 60_000);
    const after = await taskSeconds();
    const done = (await refreshes()) - from;
    const sorted = [...serverMs].sort((a, b) => a - b);
    return {
      services: SERVICES,
      fullJsonBytes,
      pageJsonBytes,
      serverMsPerRefresh: +sorted[sorted.length >> 1]!.toFixed(1),
      firstRenderMs: Math.round(firstRenderMs),
      refreshMainThreadMs: +(((after - before) * 1000) / done).toFixed(1),
    };
  } finally {
    await browser.close();
    server.close();
  }
}

export function pageLines(f: PageFigures | { skipped: string }): string[] {
  if ("skipped" in f) return [`status page: skipped (${f.skipped})`];
  return [
    `status page, ${f.services.toLocaleString("en")} services of 10 real servers: /status.json ${(f.fullJsonBytes / 1e6).toFixed(1)} MB whole, ${(f.pageJsonBytes / 1e3).toFixed(1)} kB per refresh of the page (50 services)`,
    `first render ${f.firstRenderMs} ms from navigation; a refresh ${f.refreshMainThreadMs} ms of the page's main thread and ${f.serverMsPerRefresh} ms of the server's route (median)`,
  ];
}
