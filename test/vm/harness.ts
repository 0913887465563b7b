/**
 * Runs a shell script inside a VM whose kernel has IPVS (test/vm/ipvs-vm.sh): the script can
 * source /usr/local/lib/vmtest.sh (test/vm/guest-lib.sh) for checks, namespaces and HTTP.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { REPO_ROOT_PATH } from "../helpers/paths.ts";

const VM_SCRIPT = fileURLToPath(new URL("./ipvs-vm.sh", import.meta.url));

export interface VmCheck {
  name: string;
  pass: boolean;
}

export interface VmRun {
  /** The guest printed "@@RESULT PASS" as its last result. */
  ok: boolean;
  /** What the guest printed (the VM's console). */
  output: string;
  /** The "@@CHECK PASS|FAIL name" lines, in order. */
  checks: VmCheck[];
  /** The harness's own messages: build steps, timing, why it failed. */
  log: string;
}

export interface VmOptions {
  /**
   * Shares the host's root filesystem read-only at /host (virtio-9p) and puts `node` in the
   * guest's PATH: the node running this process, from /host, through the host's own loader.
   */
  hostRoot?: boolean;
  /** Guest memory in MiB (512, or 1024 with `hostRoot`: node needs more). */
  memMiB?: number;
}

/**
 * Boots the VM once and runs `guestScript` (shell text) with `payloadDir` copied to /payload.
 * `timeoutS` bounds the whole run, image build and boot included.
 */
export function runInVm(guestScript: string, payloadDir?: string, timeoutS = 240, options: VmOptions = {}): VmRun {
  const dir = mkdtempSync(join(tmpdir(), "lvs-vm-"));
  try {
    const script = join(dir, "guest.sh");
    writeFileSync(script, guestScript);
    const r = spawnSync("bash", [VM_SCRIPT, script, ...(payloadDir ? [payloadDir] : [])], {
      encoding: "utf8",
      env: {
        ...process.env,
        VM_TIMEOUT: String(timeoutS),
        ...(options.hostRoot === undefined ? {} : { VM_HOST_ROOT: options.hostRoot ? "1" : "0" }),
        ...(options.hostRoot ? { VM_NODE: process.env.VM_NODE ?? process.execPath } : {}),
        ...(options.memMiB === undefined ? {} : { VM_MEM: String(options.memMiB) }),
      },
      // ipvs-vm.sh bounds itself; this only guards against a hung harness.
      timeout: (timeoutS + 30) * 1000,
      maxBuffer: 64 * 1024 * 1024,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output = r.stdout ?? "";
    const checks = [...output.matchAll(/^@@CHECK (PASS|FAIL) (\S+)/gm)].map((m) => ({ name: m[2] ?? "", pass: m[1] === "PASS" }));
    const error = r.error ? `${r.error.message}\n` : "";
    return { ok: r.status === 0, output, checks, log: error + (r.stderr ?? "") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A failure message: the failed checks, then the end of the console and the harness's log. */
export function explain(run: VmRun): string {
  const failed = run.checks.filter((c) => !c.pass).map((c) => c.name);
  const tail = (s: string, n: number) => s.split("\n").slice(-n).join("\n");
  return `failed checks: ${failed.join(", ") || "none"}\n--- console (end)\n${tail(run.output, 80)}\n--- harness\n${tail(run.log, 20)}`;
}

const DIST = join(REPO_ROOT_PATH, "dist", "bin");

/**
 * Boots the VM with the host's root shared (for node) and /payload holding `lvsCf` as lvs.cf,
 * the bundle lvs-compile makes of it (/payload/bundle) and a copy of lvs-run.js (a concurrent
 * build replaces dist/ while the guest runs). Throws when the tools are missing, the file does not
 * compile or the share does not mount.
 */
export function runLvsRunInVm(guestScript: string, lvsCf: string, timeoutS: number): VmRun {
  for (const tool of ["lvs-run.js", "lvs-compile.js"]) {
    if (!existsSync(join(DIST, tool))) throw new Error(`dist/bin/${tool} is missing: build it first (node scripts/build.mjs; npm test does)`);
  }
  const payload = mkdtempSync(join(tmpdir(), "lvs-run-vm-"));
  try {
    const cf = join(payload, "lvs.cf");
    writeFileSync(cf, lvsCf);
    const compiled = spawnSync(process.execPath, [join(DIST, "lvs-compile.js"), cf, "-o", join(payload, "bundle")], { encoding: "utf8" });
    if (compiled.status !== 0) throw new Error(`lvs-compile failed:\n${compiled.stderr}`);
    copyFileSync(join(DIST, "lvs-run.js"), join(payload, "lvs-run.js"));
    const run = runInVm(guestScript, payload, timeoutS, { hostRoot: true, memMiB: 1024 });
    if (!run.output.includes("@@HOSTROOT mounted")) throw new Error(`the host's root was not mounted in the guest\n${explain(run)}`);
    return run;
  } finally {
    rmSync(payload, { recursive: true, force: true });
  }
}
