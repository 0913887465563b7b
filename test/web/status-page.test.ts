/**
 * The status page in Debian's headless Chromium: what lvs-run shows of a running director,
 * updated in place as a real server goes down and comes back, with no console error and no
 * request anywhere but lvs-run.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Browser, type Page } from "../helpers/chromium.ts";
import { waitFor } from "../helpers/wait.ts";
import { startWebRig, type WebRig } from "../helpers/web-rig.ts";

const VIRTUALS = [
  { name: "www", vip: "192.0.2.10", port: 80, servers: ["web1", "web2", "web3"] },
  { name: "api", vip: "192.0.2.11", port: 8080, scheduler: "rr", persistent: 300, servers: ["web1", "app1"] },
];

let rig: WebRig;
let browser: Browser;
let page: Page;

interface Shown {
  readonly refreshes: number;
  readonly services: Array<{ name: string; health: string; rows: Array<{ addr: string; state: string; check: string }> }>;
}

const shown = (): Promise<Shown> =>
  page.evaluate<Shown>(`({
    refreshes: Number(document.body.dataset.refreshes || 0),
    services: [...document.querySelectorAll("section.service")].map((s) => ({
      name: s.querySelector("h2").textContent,
      health: s.querySelector(".health").textContent,
      rows: [...s.querySelectorAll("tbody tr")].map((r) => ({ addr: r.children[0].textContent, state: r.children[1].textContent, check: r.children[5].textContent })),
    })),
  })`);

async function statusJson(): Promise<{ services: Array<{ key: string; servers: Array<{ address: string; state: string }> }> }> {
  return (await fetch(new URL("status.json", rig.url))).json() as never;
}

/** Waits until lvs-run says `address` is `state`, then until the page shows it, counting the page's refreshes between. */
async function pageFollows(address: string, state: string): Promise<number> {
  await waitFor(`lvs-run reports ${address} ${state}`, async () => (await statusJson()).services.every((s) => s.servers.filter((rs) => rs.address === address).every((rs) => rs.state === state)), 30_000);
  const start = (await shown()).refreshes;
  let now = await shown();
  await waitFor(`the page shows ${address} ${state}`, async () => {
    now = await shown();
    const rows = now.services.flatMap((s) => s.rows.filter((r) => r.addr.startsWith(`${address}:`)));
    return rows.length > 0 && rows.every((r) => r.state === state);
  }, 30_000);
  return now.refreshes - start;
}

/** Why the set-up failed: uvu drops an error thrown by a hook, so each test throws it again. */
let setup: unknown = null;
const ready = (): void => {
  if (setup) throw setup;
};

test.before(async () => {
  try {
    rig = await startWebRig(VIRTUALS);
    await waitFor("lvs-run serves the page", async () => (await fetch(rig.url).catch(() => null))?.status === 200, 30_000);
    browser = Browser.launch();
    page = await browser.newPage();
    await page.open(rig.url);
  } catch (e) {
    setup = e;
  }
});

test.after(async () => {
  await browser?.close();
  await rig?.close();
});

test("the page shows every service and real server as lvs-run has them", async () => {
  ready();
  await waitFor("every server up on the page", async () => {
    const s = await shown();
    return s.services.length === 2 && s.services.every((v) => v.rows.length > 0 && v.rows.every((r) => r.state === "up"));
  }, 30_000);
  const s = await shown();
  assert.equal(s.services.map((v) => v.name).sort(), ["TCP 192.0.2.10:80", "TCP 192.0.2.11:8080"]);
  const www = s.services.find((v) => v.name.includes(":80"))!;
  assert.equal(www.rows.length, 3);
  assert.ok(www.rows.every((r) => r.check.startsWith("ok: connected") || r.check.startsWith("ok: reply")), JSON.stringify(www.rows));
  assert.equal(www.health, "up");
});

test("a real server killed shows down within two refreshes, and up again, without a reload", async () => {
  ready();
  await page.evaluate("window.notReloaded = true");
  const web1 = rig.servers.get("web1")!;
  await web1.stop();
  const refreshesDown = await pageFollows(web1.address, "down");
  assert.ok(refreshesDown <= 2, `the page took ${refreshesDown} refreshes to show web1 down`);
  const s = await shown();
  assert.ok(s.services.every((v) => v.health.startsWith("degraded")), JSON.stringify(s.services.map((v) => v.health)));
  await web1.start();
  const refreshesUp = await pageFollows(web1.address, "up");
  assert.ok(refreshesUp <= 2, `the page took ${refreshesUp} refreshes to show web1 up`);
  assert.is(await page.evaluate("window.notReloaded === true"), true);
  const events = await page.evaluate<string[]>(`[...document.querySelectorAll("#events li b")].map((b) => b.textContent)`);
  assert.ok(events.includes("server-down") && events.includes("server-up"), JSON.stringify(events));
});

test("the filter narrows the list, and the page logs no error and asks nothing of another origin", async () => {
  ready();
  await page.evaluate(`(() => { const f = document.getElementById("filter"); f.value = "8080"; f.dispatchEvent(new Event("input")); })()`);
  await waitFor("only the api service listed", async () => (await shown()).services.length === 1, 10_000);
  assert.equal((await shown()).services[0]!.name, "TCP 192.0.2.11:8080");
  assert.equal(page.log.errors, []);
  const origin = new URL(rig.url).origin;
  const elsewhere = page.log.requests.filter((u) => !u.startsWith(origin + "/"));
  assert.equal(elsewhere, []);
  assert.ok(page.log.requests.some((u) => u.includes("/status.json?")));
});

test.run();
