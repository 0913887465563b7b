/**
 * Bounded resources: a check program that prints without end is killed with its group once it
 * printed what nanny reads, and judged on that; control-socket connections that say nothing
 * are closed after the idle limit, and the socket still answers.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { probe } from "../../runtime/checks/probe.ts";
import { askControl, listenControl, socketPath } from "../../runtime/control.ts";

const flood = { protocol: "tcp", check: { kind: "program", argv: ["yes", "%h"], expect: "ok" }, interval: 5, reentry: 10, quiesce: false, loadMonitor: null } as const;

const running = (): string => spawnSync("pgrep", ["-f", "^yes 127\\.0\\.0\\.51$"], { encoding: "utf8" }).stdout.trim();

test("a check program that prints without end: each check ends long before its interval, and nothing is left running", async () => {
  for (let i = 0; i < 5; i++) {
    const started = Date.now();
    const o = await probe(flood, { address: "127.0.0.51", port: 80 });
    assert.not.ok(o.ok);
    assert.match(o.detail, /printed "127\.0\.0\.51\\n127/);
    assert.ok(Date.now() - started < 2500, `ended after ${Date.now() - started} ms, interval 5 s`);
  }
  await new Promise((r) => setTimeout(r, 200));
  assert.is(running(), "", "no yes left running");
});

test("control-socket connections that send nothing are closed after the idle limit; requests are still answered", async () => {
  const dir = mkdtempSync(join(tmpdir(), "lvs-control-"));
  const server = await listenControl(dir, async () => ({ ok: true }), 300);
  try {
    const idle = Array.from({ length: 200 }, () => {
      const socket = createConnection(socketPath(dir));
      socket.on("error", () => {});
      return new Promise<number>((resolve) => {
        const opened = Date.now();
        socket.on("close", () => resolve(Date.now() - opened));
      });
    });
    assert.equal(await askControl(dir, "status"), { ok: true }, "answered beside 200 idle connections");
    const closedAfter = await Promise.race([Promise.all(idle), new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
    assert.ok(closedAfter !== null, "every idle connection was closed");
    for (const ms of closedAfter!) assert.ok(ms >= 250, `closed after ${ms} ms, not before the limit`);
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
