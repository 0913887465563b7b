/**
 * One lvs-run per state directory: an exclusive flock(2) on `lvs-run.lock` there, held for the
 * process's life (released by the kernel when it dies, however it dies). Node has no flock, so
 * flock(1) takes it on a descriptor it inherits: the lock belongs to the open file, which this
 * process keeps open after flock(1) exits. The file holds the holder's pid, for the message.
 */
import { spawnSync } from "node:child_process";
import { closeSync, constants, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";

export const LOCK_NAME = "lvs-run.lock";

export type StateLock = { readonly ok: true; release(): void } | { readonly ok: false; readonly holder: string };

export function lockStateDir(stateDir: string): StateLock {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const path = join(stateDir, LOCK_NAME);
  const fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o600);
  const r = spawnSync("flock", ["-n", "-x", "3"], { stdio: ["ignore", "ignore", "pipe", fd], encoding: "utf8" });
  if (r.error) {
    closeSync(fd);
    throw new Error(`cannot lock ${path}: flock(1) did not run (${r.error.message}); it comes with util-linux`);
  }
  if (r.status !== 0) {
    const holder = readFileSync(path, "utf8").trim() || "unknown";
    closeSync(fd);
    return { ok: false, holder };
  }
  ftruncateSync(fd, 0);
  writeSync(fd, `${process.pid}\n`, 0);
  let held = true;
  return {
    ok: true,
    release: () => {
      if (held) closeSync(fd);
      held = false;
    },
  };
}
