/**
 * Supervision: the modern bundle's lvs-run.service restarts lvs-run when it fails and when its
 * watchdog goes quiet; lvs-run feeds the watchdog from its event loop with systemd-notify while
 * systemd asks for it (WATCHDOG_USEC, for its own pid), and not otherwise. The built lvs-run
 * with a recording systemd-notify first on PATH, the fake ipvsadm.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { bundleOf, checkForCompile } from "../../compiler/emit/compile.ts";
import { watchdogInterval } from "../../runtime/watchdog.ts";
import { exitWithin, runRig, startLvsRun } from "../helpers/lvs-run-process.ts";
import { waitFor } from "../helpers/wait.ts";
import { readExample } from "../helpers/paths.ts";

test("the modern bundle's lvs-run.service: restarted on failure, watched, never beside pulse", () => {
  const text = readExample("ha-pair-dr.cf");
  const unit = bundleOf(text, checkForCompile(text), { target: "modern", drArp: "sysctl", ftpPassive: { min: 10000, max: 20000 } }).files.find((f) => f.path === "director/lvs-run.service")!.text;
  for (const line of ["Restart=on-failure", "WatchdogSec=30", "NotifyAccess=all", "Conflicts=pulse.service", "ExecStart=/usr/local/bin/lvs-run /etc/lvs-toolchain", "ExecReload=/bin/kill -HUP $MAINPID"])
    assert.ok(unit.split("\n").includes(line), `${line} in\n${unit}`);
  const rhel5 = bundleOf(text, checkForCompile(text), { target: "rhel5", drArp: "arptables", ftpPassive: { min: 10000, max: 20000 } }).files;
  assert.not.ok(rhel5.some((f) => f.path.endsWith(".service")), "no unit where lvs-run cannot run");
});

test("the watchdog interval: a quarter of WATCHDOG_USEC, only with NOTIFY_SOCKET and for this pid", () => {
  assert.is(watchdogInterval({ NOTIFY_SOCKET: "/run/systemd/notify", WATCHDOG_USEC: "30000000" }, 42), 7500);
  assert.is(watchdogInterval({ NOTIFY_SOCKET: "/run/systemd/notify", WATCHDOG_USEC: "30000000", WATCHDOG_PID: "42" }, 42), 7500);
  assert.is(watchdogInterval({ NOTIFY_SOCKET: "/run/systemd/notify", WATCHDOG_USEC: "30000000", WATCHDOG_PID: "7" }, 42), null);
  assert.is(watchdogInterval({ WATCHDOG_USEC: "30000000" }, 42), null);
  assert.is(watchdogInterval({ NOTIFY_SOCKET: "/run/systemd/notify" }, 42), null);
});

test("lvs-run pings the watchdog while it runs, and stops when it stops", async () => {
  const rig = await runRig("127.0.0.81");
  const bin = join(rig.work, "bin");
  const pings = join(rig.work, "pings");
  mkdirSync(bin);
  writeFileSync(join(bin, "systemd-notify"), `#!/bin/sh\nprintf '%s\\n' "$*" >>'${pings}'\n`);
  chmodSync(join(bin, "systemd-notify"), 0o755);
  const count = () => (existsSync(pings) ? readFileSync(pings, "utf8").split("\n").filter((l) => l === "WATCHDOG=1").length : 0);
  const env = { PATH: `${bin}:${process.env["PATH"]}`, NOTIFY_SOCKET: join(rig.work, "notify"), WATCHDOG_USEC: "800000" };
  const run = startLvsRun(rig.standalone(join(rig.work, "state")), env);
  try {
    await waitFor("five pings", () => count() >= 5, 20_000);
    run.child.kill("SIGTERM");
    assert.is(await exitWithin(run, 20_000), 0, run.output());
    const after = count();
    await new Promise((r) => setTimeout(r, 600));
    assert.is(count(), after, "no ping once it has stopped");
  } finally {
    run.child.kill("SIGKILL");
    rig.close();
  }
});

test.run();
