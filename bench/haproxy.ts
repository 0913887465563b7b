/**
 * The peer a user would pick instead: HAProxy from Debian, one thread, checking the same loopback
 * servers with the same check (send `GET / HTTP/1.0`, expect `HTTP`) every second. Its check rate
 * is counted at the servers, its CPU read from /proc; both against lvs-run's as CPU per check.
 */
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sleep } from "../test/helpers/wait.ts";
import { checkedServer } from "./servers.ts";

export interface HaproxyFigures {
  readonly version: string;
  readonly checksPerSecond: number;
  readonly cpuPercent: number;
  readonly peakRssMiB: number;
}

const round = (x: number, digits = 1): number => +x.toFixed(digits);

function config(servers: number, listen: string): string {
  const lines = [
    "global",
    "  nbthread 1",
    // Checks use no connection slots; this keeps the descriptors HAProxy asks for within reach.
    "  maxconn 2000",
    "defaults",
    "  mode tcp",
    "  timeout connect 1s",
    "  timeout client 1s",
    "  timeout server 1s",
    "  timeout check 1s",
    // HAProxy does not start without a listener: one on loopback that nothing uses.
    "frontend idle",
    `  bind ${listen}`,
    "  default_backend checked",
    "backend checked",
    "  option tcp-check",
    "  tcp-check connect",
    '  tcp-check send "GET / HTTP/1.0\\r\\n\\r\\n"',
    "  tcp-check expect string HTTP",
    "  default-server inter 1s fall 1 rise 2",
  ];
  for (let i = 0; i < servers; i++) {
    const { address, port } = checkedServer(i);
    lines.push(`  server s${i} ${address}:${port} check`);
  }
  return lines.join("\n") + "\n";
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.254", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** utime + stime of a process, in seconds. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  const ticks = Number(getconf("CLK_TCK"));
  return (Number(fields[11]) + Number(fields[12])) / ticks;
}

function getconf(name: string): string {
  return spawnSync("getconf", [name], { encoding: "utf8" }).stdout.trim() || "100";
}

function peakRssMiB(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
}

/** HAProxy against the `servers` already listening; `accepted` counts their connections. */
export async function haproxyBench(servers: number, accepted: () => number, warmupS: number, measureS: number): Promise<HaproxyFigures | { skipped: string }> {
  const version = spawnSync("haproxy", ["-v"], { encoding: "utf8" });
  if (version.error) return { skipped: "haproxy is not installed (Debian: apt-get install haproxy)" };
  const dir = mkdtempSync(join(tmpdir(), "lvs-haproxy-"));
  const cfg = join(dir, "haproxy.cfg");
  writeFileSync(cfg, config(servers, `127.0.0.254:${await freePort()}`));
  const child = spawn("sh", ["-c", 'ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec haproxy -db -q -f "$0"', cfg], { stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  child.stderr.on("data", (b: Buffer) => (err += b));
  try {
    await sleep((warmupS + 2) * 1000);
    if (child.exitCode !== null) throw new Error(`haproxy ended: ${err}`);
    const pid = child.pid!;
    const cpu0 = cpuSeconds(pid);
    const n0 = accepted();
    const t0 = performance.now();
    await sleep(measureS * 1000);
    const seconds = (performance.now() - t0) / 1000;
    const checks = (accepted() - n0) / seconds;
    return {
      version: version.stdout.split("\n")[0]!.split(" ").slice(0, 3).join(" "),
      checksPerSecond: Math.round(checks),
      cpuPercent: round(((cpuSeconds(pid) - cpu0) / seconds) * 100),
      peakRssMiB: peakRssMiB(pid),
    };
  } finally {
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
}
