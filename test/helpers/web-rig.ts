/**
 * A director to look at: lvs-run (built) standalone over the fake ipvsadm, serving `--http` on
 * loopback, with virtual servers whose real servers are TCP listeners on loopback addresses
 * that can be stopped and started again. For the status page's browser test and screenshots.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createFakeIpvsadm } from "./fake-ipvsadm.ts";
import { startLvsRun, type RunningLvsRun } from "./lvs-run-process.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const LVS_COMPILE = join(ROOT, "dist", "bin", "lvs-compile.js");

export interface RigVirtual {
  readonly name: string;
  readonly vip: string;
  readonly port: number;
  readonly scheduler?: string;
  readonly persistent?: number;
  /** Real server names; each listens on its own loopback address. */
  readonly servers: readonly string[];
  /** Lines added to the block (send, expect …). */
  readonly extra?: readonly string[];
}

export interface RealServer {
  readonly name: string;
  readonly address: string;
  readonly port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface WebRig {
  readonly url: string;
  readonly run: RunningLvsRun;
  readonly servers: ReadonlyMap<string, RealServer>;
  readonly cf: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function realServer(name: string, address: string, port: number): RealServer {
  let listener: Server | null = null;
  const open = new Set<Socket>();
  const start = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const l = createServer((socket) => {
        open.add(socket);
        socket.on("close", () => open.delete(socket));
        socket.on("error", () => {}).end("HTTP/1.0 200 OK\r\n\r\n");
      });
      l.once("error", reject);
      l.listen(port, address, () => resolve());
      listener = l;
    });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (!listener) return resolve();
      // A killed server's connections go with it.
      listener.close(() => resolve());
      for (const socket of open) socket.destroy();
      listener = null;
    });
  return { name, address, port, start, stop };
}

/** Starts the real servers, compiles the lvs.cf and runs lvs-run with `--http` and `args`. */
export async function startWebRig(virtuals: readonly RigVirtual[], args: readonly string[] = []): Promise<WebRig> {
  const work = mkdtempSync(join(tmpdir(), "lvs-web-"));
  const fake = createFakeIpvsadm(join(work, "ipvsadm"));
  const servers = new Map<string, RealServer>();
  const lines = ["serial_no = 2026120701", "primary = 10.0.0.1", "service = lvs", "network = nat", "nat_router = 127.0.0.1 eth1:1"];
  let host = 2;
  // One alias per VIP, as pulse brings each VIP up once.
  const aliases = new Map<string, number>();
  for (const v of virtuals) {
    if (!aliases.has(v.vip)) aliases.set(v.vip, aliases.size + 1);
    lines.push(`virtual ${v.name} {`, "     active = 1", `     address = ${v.vip} eth0:${aliases.get(v.vip)}`, "     vip_nmask = 255.255.255.0", `     port = ${v.port}`);
    lines.push(`     scheduler = ${v.scheduler ?? "wlc"}`, "     timeout = 1", "     reentry = 2");
    if (v.persistent) lines.push(`     persistent = ${v.persistent}`);
    for (const l of v.extra ?? []) lines.push(`     ${l}`);
    for (const name of v.servers) {
      const existing = servers.get(name);
      const rs = existing ?? realServer(name, `127.0.0.${host++}`, await freePort());
      if (!existing) {
        servers.set(name, rs);
        await rs.start();
      }
      lines.push(`     server ${name} {`, `         address = ${rs.address}`, `         port = ${rs.port}`, "         active = 1", "         weight = 10", "     }");
    }
    lines.push("}");
  }
  const cf = join(work, "lvs.cf");
  writeFileSync(cf, lines.join("\n") + "\n");
  const bundle = join(work, "bundle");
  const compiled = spawnSync(process.execPath, [LVS_COMPILE, cf, "-o", bundle], { encoding: "utf8" });
  if (compiled.status !== 0) {
    for (const rs of servers.values()) await rs.stop();
    throw new Error(`lvs-compile: ${compiled.stdout}${compiled.stderr}`);
  }
  const port = await freePort();
  const run = startLvsRun(["--standalone", "--ipvsadm", fake.path, "--state-dir", join(work, "state"), "--http", `127.0.0.1:${port}`, ...args, bundle]);
  return {
    url: `http://127.0.0.1:${port}/`,
    run,
    servers,
    cf,
    close: async () => {
      run.child.kill("SIGTERM");
      await run.exited;
      for (const rs of servers.values()) await rs.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
