/**
 * Plan before reload: `lvs-run plan BUNDLE` asks the running instance what a reload to that
 * bundle would do, changing nothing: each ipvsadm command, and the connections each removed or
 * re-weighted destination still has. The built lvs-run against the fake ipvsadm.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { LVS_RUN, runRig, startLvsRun } from "../helpers/lvs-run-process.ts";
import { waitFor } from "../helpers/wait.ts";
import { REPO_ROOT_PATH } from "../helpers/paths.ts";

const compile = (cf: string, out: string) => {
  const r = spawnSync(process.execPath, [join(REPO_ROOT_PATH, "dist", "bin", "lvs-compile.js"), cf, "-o", out], { encoding: "utf8" });
  assert.is(r.status, 0, r.stderr);
};
const plan = (state: string, bundle: string) => spawnSync(process.execPath, [LVS_RUN, "plan", "--state-dir", state, bundle], { encoding: "utf8", timeout: 30_000 });

test("lvs-run plan shows a reload's commands and the connections they cost, and changes nothing", async () => {
  const rig = await runRig("127.0.0.91");
  const state = join(rig.work, "state");
  const run = startLvsRun(rig.standalone(state));
  try {
    await waitFor("the server is in", () => rig.fake.state().destinations.length === 1, 30_000);
    rig.fake.setConnections("tcp:10.0.0.100:80", "127.0.0.91", rig.port, 3, 1);
    const same = plan(state, rig.bundle);
    assert.is(same.status, 0, same.stderr);
    assert.is(same.stdout, "a reload changes nothing in the IPVS table\n");

    // The next bundle drops the real server and adds a second service.
    const cf = readFileSync(join(rig.work, "lvs.cf"), "utf8");
    const next = cf.replace(/     server a \{[^}]*\}\n/, "").replace("virtual web {", "virtual other {\n     active = 1\n     address = 10.0.0.101 eth0:2\n     port = 80\n     server b {\n         address = 127.0.0.92\n         active = 1\n     }\n}\nvirtual web {");
    writeFileSync(join(rig.work, "next.cf"), next);
    compile(join(rig.work, "next.cf"), join(rig.work, "next"));
    const before = rig.fake.state();
    const calls = rig.fake.log().filter((a) => a[0] !== "-S" && a[0] !== "-L").length;
    const r = plan(state, join(rig.work, "next"));
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stdout, /^a reload runs 2 ipvsadm commands:$/m);
    assert.match(r.stdout, /^  ipvsadm -A -t 10\.0\.0\.101:80 -s wlc$/m);
    assert.match(r.stdout, new RegExp(`^  ipvsadm -e -t 10\\.0\\.0\\.100:80 -r 127\\.0\\.0\\.91:${rig.port} -m -w 0  \\(3 active, 1 inactive connections\\)$`, "m"));
    assert.equal(rig.fake.state(), before, "the table is as it was");
    assert.is(rig.fake.log().filter((a) => a[0] !== "-S" && a[0] !== "-L").length, calls, "no command ran");

    writeFileSync(join(rig.work, "next", "manifest.json"), "{");
    const broken = plan(state, join(rig.work, "next"));
    assert.is(broken.status, 1);
    assert.match(broken.stderr, /^lvs-run: a reload to .*next would be refused: .*manifest\.json: not JSON/);
  } finally {
    run.child.kill("SIGKILL");
    rig.close();
  }
});

test.run();
