/**
 * Who may read the director's state over HTTP, and what it never shows: off loopback lvs-run
 * wants credentials (or --http-insecure) before it starts; with credentials every route asks
 * for them; the page, the status and the metrics hold none of the checks' settings.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { LVS_RUN, lvsRunStatus } from "../helpers/lvs-run-process.ts";
import { waitFor } from "../helpers/wait.ts";
import { startWebRig, type WebRig } from "../helpers/web-rig.ts";

const SECRETS = ["S3CRET-SEND", "S3CRET-EXPECT", "S3CRET-ARG"];

const lvsRun = (args: string[], input = "") => spawnSync(process.execPath, [LVS_RUN, ...args], { encoding: "utf8", input, timeout: 30_000 });

test("off loopback without --http-auth or --http-insecure, lvs-run does not start", () => {
  for (const address of ["0.0.0.0:9100", "192.0.2.1:9100", "[::]:9100"]) {
    const r = lvsRun(["--standalone", "--http", address, "/nonexistent"]);
    assert.is(r.status, 2, r.stderr);
    assert.match(r.stderr, /listens off loopback: give --http-auth FILE/);
    assert.is(r.stderr.trim().split("\n").length, 2, r.stderr);
  }
});

test("a bad auth file stops the start with its line; http-password refuses a user with a colon", () => {
  const dir = mkdtempSync(join(tmpdir(), "lvs-auth-"));
  writeFileSync(join(dir, "auth"), "# users\nadmin:plain-password\n");
  const r = lvsRun(["--standalone", "--http", "127.0.0.1:9", "--http-auth", join(dir, "auth"), "--state-dir", join(dir, "state"), "/nonexistent"]);
  assert.is(r.status, 1);
  assert.match(r.stderr, new RegExp(`${join(dir, "auth")}:2: not a USER:HASH line`));
  assert.is(lvsRun(["http-password", "ad:min"], "pw\n").status, 2);
});

let rig: WebRig;
let auth: string;

test("with credentials: none or a wrong password gets 401 on every route, the right one the page", async () => {
  const dir = mkdtempSync(join(tmpdir(), "lvs-auth-"));
  const made = lvsRun(["http-password", "admin"], "correct horse\n");
  assert.is(made.status, 0, made.stderr);
  auth = join(dir, "auth");
  writeFileSync(auth, made.stdout);
  rig = await startWebRig(
    [
      { name: "www", vip: "192.0.2.10", port: 80, servers: ["web1"], extra: ['send = "S3CRET-SEND\\r\\n"', 'expect = "S3CRET-EXPECT"'] },
      { name: "app", vip: "192.0.2.11", port: 81, servers: ["app1"], extra: ['send_program = "/bin/echo S3CRET-ARG %h"', 'expect = "nope"'] },
    ],
    ["--http-auth", auth],
  );
  await waitFor("lvs-run answers", async () => (await fetch(rig.url).catch(() => null))?.status === 401, 30_000);
  const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` });
  for (const path of ["", "status.json", "metrics"]) {
    const none = await fetch(rig.url + path);
    assert.is(none.status, 401, path);
    assert.match(none.headers.get("www-authenticate") ?? "", /^Basic realm="lvs-run"/);
    assert.is((await fetch(rig.url + path, { headers: basic("admin", "wrong") })).status, 401, path);
    assert.is((await fetch(rig.url + path, { headers: basic("root", "correct horse") })).status, 401, path);
    assert.is((await fetch(rig.url + path, { headers: basic("admin", "correct horse") })).status, 200, path);
  }
});

test("the page, the status and the metrics never hold a send or expect string or a program's arguments", async () => {
  const headers = { authorization: `Basic ${Buffer.from("admin:correct horse").toString("base64")}` };
  const status = async () => (await fetch(rig.url + "status.json", { headers })).json() as Promise<{ services: Array<{ servers: Array<{ state: string; lastCheck: unknown }> }> }>;
  // Both checks fail (the servers answer neither), and say so.
  await waitFor("both services checked and down", async () => (await status()).services.every((s) => s.servers.every((rs) => rs.state === "down" && rs.lastCheck !== null)), 30_000);
  const texts = [
    await (await fetch(rig.url, { headers })).text(),
    await (await fetch(rig.url + "status.json", { headers })).text(),
    await (await fetch(rig.url + "status.json?q=www&order=problems", { headers })).text(),
    await (await fetch(rig.url + "metrics", { headers })).text(),
    lvsRunStatus(join(rig.cf, "..", "state")).stdout,
    spawnSync(process.execPath, [LVS_RUN, "status", "--json", "--state-dir", join(rig.cf, "..", "state")], { encoding: "utf8" }).stdout,
  ];
  assert.ok(texts[1]!.includes("reply not as expected") && texts[1]!.includes("output not as expected"), texts[1]!.slice(0, 3000));
  for (const text of texts) for (const secret of SECRETS) assert.not.ok(text.includes(secret), `${secret} in ${text.slice(0, 300)}`);
});

test.after(async () => {
  await rig?.close();
});

test.run();
