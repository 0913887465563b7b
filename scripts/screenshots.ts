/**
 * `npm run screenshots`: the status page of a director with a few services, one real server
 * down, in Chromium at a desktop's and a phone's width, light and dark, into docs/images/.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Browser } from "../test/helpers/chromium.ts";
import { waitFor } from "../test/helpers/wait.ts";
import { startWebRig } from "../test/helpers/web-rig.ts";

const OUT = fileURLToPath(new URL("../docs/images/", import.meta.url));

const rig = await startWebRig([
  { name: "www", vip: "192.0.2.10", port: 80, servers: ["web1", "web2", "web3", "web4"] },
  { name: "www-tls", vip: "192.0.2.10", port: 443, persistent: 300, servers: ["web1", "web2", "web3", "web4"] },
  { name: "api", vip: "192.0.2.20", port: 8080, scheduler: "rr", servers: ["app1", "app2"] },
  { name: "smtp", vip: "192.0.2.30", port: 25, scheduler: "lc", servers: ["mx1", "mx2"] },
]);
const browser = Browser.launch();
try {
  await waitFor("lvs-run serves the page", async () => (await fetch(rig.url).catch(() => null))?.status === 200, 30_000);
  const allUp = async () => ((await (await fetch(rig.url + "status.json")).json()) as { summary: { servers: { up: number; total: number } } }).summary.servers;
  await waitFor("every real server up", async () => ((s) => s.up === s.total)(await allUp()), 30_000);
  await rig.servers.get("web3")!.stop();
  await rig.servers.get("app2")!.stop();
  await waitFor("two real servers down (three entries)", async () => ((s) => s.total - s.up === 3)(await allUp()), 30_000);
  const page = await browser.newPage();
  mkdirSync(OUT, { recursive: true });
  for (const [name, width, height, mobile] of [["desktop", 1280, 900, false], ["phone", 390, 844, true]] as const) {
    for (const dark of [false, true]) {
      await page.emulate(width, height, dark, mobile);
      await page.open(rig.url);
      await waitFor("the page shows the services", async () => (await page.evaluate<number>("Number(document.body.dataset.refreshes || 0)")) > 0, 10_000);
      // Past the marks of the first changes.
      await new Promise((r) => setTimeout(r, 3000));
      const file = join(OUT, `status-${name}-${dark ? "dark" : "light"}.png`);
      writeFileSync(file, await page.screenshot());
      process.stdout.write(`${file}\n`);
    }
  }
} finally {
  await browser.close();
  await rig.close();
}
