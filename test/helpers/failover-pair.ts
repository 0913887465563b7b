/**
 * Two directors and a client in network namespaces on one bridge, each director running
 * `dist/bin/lvs-run.js` against a fake ipvsadm: for the failover test and its benchmark.
 * Every packet stays on the bridge. Needs root.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createFakeIpvsadm } from "./fake-ipvsadm.ts";
import { createNamespace, destroyNamespace, type Netns } from "./netns.ts";
import { REPO_ROOT_PATH } from "./paths.ts";

const LVS_RUN = join(REPO_ROOT_PATH, "dist", "bin", "lvs-run.js");


/** The VIP of `pairLvsCf`, on the directors' eth0:1. */
export const PAIR_VIP = "10.0.0.50";

/** The pair's lvs.cf: d1 primary, d2 backup, keepalive 1 s, one direct-routing virtual server. */
export function pairLvsCf(options: { readonly deadtimeS: number; readonly monitorLinks: boolean }): string {
  return `serial_no = 1
primary = 10.0.0.1
backup = 10.0.0.2
backup_active = 1
heartbeat = 1
heartbeat_port = 539
keepalive = 1
deadtime = ${options.deadtimeS}
monitor_links = ${options.monitorLinks ? 1 : 0}
service = lvs
network = direct
virtual web {
     active = 1
     address = ${PAIR_VIP} eth0:1
     vip_nmask = 255.255.255.0
     port = 80
     protocol = tcp
     scheduler = rr
     timeout = 1
     server rs1 {
         address = 10.0.0.201
         active = 1
         weight = 1
     }
}
`;
}

/** Whether `ns` has `vip` on eth0 (with the /24 the test configurations give it). */
export const hasVip = (ns: Netns, vip: string): boolean => ns.ip("-4", "-o", "addr", "show", "dev", "eth0").includes(` ${vip}/24 `);

export const macOf = (ns: Netns): string => (JSON.parse(ns.ip("-j", "link", "show", "eth0")) as Array<{ address: string }>)[0]!.address;

/** The MAC `ns` sends traffic for `address` to, or "" when it has no ARP entry. */
export const neighbourMac = (ns: Netns, address: string): string => /lladdr (\S+)/.exec(ns.ip("neigh", "show", address, "dev", "eth0"))?.[1] ?? "";

export interface PairNetwork {
  readonly lan: Netns;
  readonly d1: Netns;
  readonly d2: Netns;
  readonly client: Netns;
  destroy(): void;
}

/** d1 10.0.0.1, d2 10.0.0.2 and the client 10.0.0.100, each on eth0, on a bridge in `lan`. */
export function pairNetwork(): PairNetwork {
  const lan = createNamespace("lan");
  const nodes = { d1: createNamespace("d1"), d2: createNamespace("d2"), client: createNamespace("cl") };
  const all = [...Object.values(nodes), lan];
  try {
    lan.ip("link", "add", "br0", "type", "bridge");
    lan.ip("link", "set", "br0", "up");
    const addresses = { d1: "10.0.0.1/24", d2: "10.0.0.2/24", client: "10.0.0.100/24" };
    for (const [port, ns] of Object.entries(nodes)) {
      lan.ip("link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns.name);
      lan.ip("link", "set", port, "master", "br0", "up");
      ns.ip("addr", "add", addresses[port as keyof typeof addresses], "dev", "eth0");
      ns.ip("link", "set", "eth0", "up");
    }
  } catch (e) {
    for (const ns of all) destroyNamespace(ns);
    throw e;
  }
  return { lan, ...nodes, destroy: () => all.forEach(destroyNamespace) };
}

/** One lvs-run in a director's namespace, its output kept in `log`. */
export class RunningDirector {
  private child: ChildProcess | null = null;
  log = "";
  exit: Promise<number | null> = Promise.resolve(null);

  constructor(
    readonly ns: Netns,
    private readonly work: string,
    private readonly bundle: string,
  ) {}

  start(...extra: string[]): void {
    const fake = createFakeIpvsadm(join(this.work, "ipvsadm"));
    const args = ["netns", "exec", this.ns.name, process.execPath, LVS_RUN, "--state-dir", join(this.work, "run"), "--ipvsadm", fake.path, "--log-format", "json", ...extra, this.bundle];
    const child = spawn("ip", args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LVS_STATE_DIR: join(this.work, "scripts") } });
    this.child = child;
    this.log += `--- lvs-run ${extra.join(" ")}\n`;
    child.stdout!.on("data", (d) => (this.log += d));
    child.stderr!.on("data", (d) => (this.log += `stderr: ${d}`));
    this.exit = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  }

  get running(): boolean {
    return this.child !== null;
  }

  async kill(signal: NodeJS.Signals): Promise<number | null> {
    this.child?.kill(signal);
    const code = await this.exit;
    this.child = null;
    return code;
  }

  status(): string {
    const r = spawnSync("ip", ["netns", "exec", this.ns.name, process.execPath, LVS_RUN, "status", "--state-dir", join(this.work, "run")], { encoding: "utf8" });
    return r.stdout + r.stderr;
  }

  events(): string[] {
    return this.log
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => (JSON.parse(l) as { event: string }).event);
  }
}
