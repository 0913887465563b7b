/**
 * lvs-run as a process, built (dist/bin/lvs-run.js), over a bundle of one NAT service whose
 * real server listens on loopback, with the fake ipvsadm behind a wrapper that can make a
 * command hang: for the fault suite.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createFakeIpvsadm, type FakeIpvsadm } from "./fake-ipvsadm.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const LVS_RUN = join(ROOT, "dist", "bin", "lvs-run.js");
const LVS_COMPILE = join(ROOT, "dist", "bin", "lvs-compile.js");

export interface RunRig {
  readonly work: string;
  readonly fake: FakeIpvsadm;
  /** The wrapper lvs-run is given as --ipvsadm. */
  readonly ipvsadm: string;
  readonly bundle: string;
  readonly port: number;
  /** lvs-run's arguments to run the bundle standalone with the state in `state`, `extra` before the bundle. */
  standalone(state: string, ...extra: string[]): string[];
  /** Makes every ipvsadm whose arguments hold `word` (` -S `) sleep `seconds` first; null: none. */
  hang(word: string | null, seconds?: number): void;
  close(): void;
}

/** A bundle of one service (VIP 10.0.0.100:80, NAT) over a TCP server on `address`. */
export async function runRig(address: string, extra = ""): Promise<RunRig> {
  const work = mkdtempSync(join(tmpdir(), "lvs-fault-"));
  const fake = createFakeIpvsadm(join(work, "ipvsadm"));
  const hangFile = join(work, "hang");
  const ipvsadm = join(work, "ipvsadm-wrapper");
  writeFileSync(
    ipvsadm,
    ["#!/bin/sh", `if [ -f '${hangFile}' ]; then read -r word seconds <'${hangFile}'; case " $* " in *" $word "*) sleep "$seconds" ;; esac; fi`, `exec '${fake.path}' "$@"`, ""].join("\n"),
  );
  chmodSync(ipvsadm, 0o755);
  const listener: Server = createServer((socket) => socket.on("error", () => {}).end("HTTP/1.0 200 OK\r\n\r\n"));
  await new Promise<void>((resolve) => listener.listen(0, address, () => resolve()));
  const port = (listener.address() as { port: number }).port;
  const cf = join(work, "lvs.cf");
  writeFileSync(
    cf,
    [
      "primary = 10.0.0.1",
      "service = lvs",
      "network = nat",
      "nat_router = 127.0.0.1 eth1:1",
      extra,
      "virtual web {",
      "     active = 1",
      "     address = 10.0.0.100 eth0:1",
      "     vip_nmask = 255.255.255.0",
      "     port = 80",
      "     timeout = 2",
      "     server a {",
      `         address = ${address}`,
      `         port = ${port}`,
      "         active = 1",
      "     }",
      "}",
      "",
    ].join("\n"),
  );
  const bundle = join(work, "bundle");
  const compiled = spawnSync(process.execPath, [LVS_COMPILE, cf, "-o", bundle], { encoding: "utf8" });
  if (compiled.status !== 0) throw new Error(`lvs-compile: ${compiled.stderr}`);
  return {
    work,
    fake,
    ipvsadm,
    bundle,
    port,
    standalone: (state, ...extra) => ["--standalone", "--state-dir", state, "--ipvsadm", ipvsadm, ...extra, bundle],
    hang: (word, seconds = 600) => (word === null ? writeFileSync(hangFile, "") : writeFileSync(hangFile, `${word} ${seconds}\n`)),
    close: () => listener.close(),
  };
}

export interface RunningLvsRun {
  readonly child: ChildProcess;
  /** Everything it printed so far, both streams. */
  output(): string;
  /** Resolves with its exit code (or signal name) when it ends. */
  readonly exited: Promise<number | string>;
}

export function startLvsRun(args: readonly string[], env: Record<string, string> = {}): RunningLvsRun {
  const child = spawn(process.execPath, [LVS_RUN, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  let out = "";
  child.stdout!.on("data", (c) => (out += c));
  child.stderr!.on("data", (c) => (out += c));
  const exited = new Promise<number | string>((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal ?? "?")));
  return { child, output: () => out, exited };
}

/** The exit of `run` within `ms`, or "still running". */
export function exitWithin(run: RunningLvsRun, ms: number): Promise<number | string> {
  return Promise.race([run.exited, new Promise<string>((resolve) => setTimeout(() => resolve("still running"), ms))]);
}


export function lvsRunStatus(stateDir: string): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [LVS_RUN, "status", "--state-dir", stateDir], { encoding: "utf8", timeout: 15_000 });
}
