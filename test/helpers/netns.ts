/**
 * Network namespaces for running generated scripts against the real kernel: create one with
 * veth devices, run commands inside it (`ip netns exec`), and read back what the scripts
 * change (IPv4 addresses, routes, iptables and arptables rules, sysctls). Needs root.
 *
 * Names are `lvst-<pid>-<n>-<label>`, unique per test process. `withNamespace` deletes its
 * namespace in a `finally`; any namespace still registered when the process exits is deleted
 * then too.
 */
import { spawnSync } from "node:child_process";

export interface Result {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ExecOptions {
  /** Added to this process's environment. */
  readonly env?: Record<string, string>;
  readonly input?: string;
  readonly cwd?: string;
  readonly timeoutMs?: number;
}

const PREFIX = `lvst-${process.pid}-`;
const TOOL_DIRS = ["/sbin", "/usr/sbin", "/bin", "/usr/bin"];
let created = 0;
const live = new Set<string>();

process.on("exit", () => {
  for (const name of live) spawnSync("ip", ["netns", "delete", name], { stdio: "ignore" });
});

/** Runs argv on the host. */
export function run(argv: readonly string[], options: ExecOptions = {}): Result {
  const [cmd, ...args] = argv;
  const r = spawnSync(cmd!, args, {
    encoding: "utf8",
    env: { ...process.env, ...options.env },
    input: options.input ?? "",
    cwd: options.cwd,
    timeout: options.timeoutMs ?? 30_000,
  });
  const error = r.error ? `${r.error.message}\n` : "";
  return { status: r.status, stdout: r.stdout ?? "", stderr: error + (r.stderr ?? "") };
}

/** Runs argv on the host and returns its standard output; throws when it fails. */
export function must(argv: readonly string[], options: ExecOptions = {}): string {
  const r = run(argv, options);
  if (r.status !== 0) throw new Error(`${argv.join(" ")} exited ${r.status}: ${r.stderr.trim()}`);
  return r.stdout;
}

export class Netns {
  constructor(readonly name: string) {}

  /** Runs argv inside the namespace. */
  exec(argv: readonly string[], options: ExecOptions = {}): Result {
    return run(["ip", "netns", "exec", this.name, ...argv], options);
  }

  /**
   * Runs argv inside the namespace with the executables in `toolDir` in place of the installed
   * tools of the same names: first on PATH, and bind-mounted over the installed ones (in a
   * mount namespace of the command's own) for scripts that put the system folders first.
   */
  execWithTools(toolDir: string, argv: readonly string[], options: ExecOptions = {}): Result {
    const binds = `for f in "$0"/*; do t=\${f##*/}; for d in ${TOOL_DIRS.join(" ")}; do if [ -e "$d/$t" ]; then mount --bind "$f" "$d/$t" || exit 97; fi; done; done; exec "$@"`;
    return this.exec(["unshare", "--mount", "--propagation", "private", "sh", "-c", binds, toolDir, ...argv], {
      ...options,
      env: { ...options.env, PATH: `${toolDir}:${options.env?.["PATH"] ?? process.env["PATH"] ?? ""}` },
    });
  }

  /** Runs argv inside the namespace and returns its standard output; throws when it fails. */
  must(argv: readonly string[], options: ExecOptions = {}): string {
    return must(["ip", "netns", "exec", this.name, ...argv], options);
  }

  /** `ip ARGS…` inside the namespace; throws when it fails. */
  ip(...args: string[]): string {
    return must(["ip", "-n", this.name, ...args]);
  }

  /**
   * A veth pair, both ends here and up: `dev` carries `addresses` (CIDR), its peer `<dev>p`
   * gives it a carrier. Stands in for a NIC (the kernel here has no dummy devices).
   */
  addLink(dev: string, addresses: readonly string[] = []): void {
    this.ip("link", "add", dev, "type", "veth", "peer", "name", `${dev}p`);
    this.ip("link", "set", `${dev}p`, "up");
    this.ip("link", "set", dev, "up");
    for (const a of addresses) this.ip("addr", "add", a, "dev", dev);
  }

  sysctl(key: string, value: string): void {
    this.must(["sysctl", "-q", "-w", `${key}=${value}`]);
  }

  /** What the scripts may change, read back in a form that compares with `assert.equal`. */
  state(sysctlKeys: readonly string[]): NetState {
    return {
      addresses: addressLines(this.ip("-o", "-4", "addr", "show")),
      routes: lines(this.ip("-4", "route", "show", "table", "all")),
      iptables: ruleLines(this.must(["iptables-save"])),
      arptables: ruleLines(this.must(["arptables-save"])),
      sysctls: sysctlValues(sysctlKeys.length ? this.must(["sysctl", "-e", ...sysctlKeys]) : ""),
    };
  }
}

export interface NetState {
  /** `DEV inet CIDR … [LABEL]`, one per IPv4 address. */
  readonly addresses: string[];
  readonly routes: string[];
  /** `TABLE RULE`: user chains (`:NAME -`), non-ACCEPT policies and `-A` lines, in order. */
  readonly iptables: string[];
  readonly arptables: string[];
  readonly sysctls: Record<string, string>;
}

export function createNamespace(label: string): Netns {
  const name = `${PREFIX}${++created}-${label}`;
  must(["ip", "netns", "add", name]);
  live.add(name);
  const ns = new Netns(name);
  ns.ip("link", "set", "lo", "up");
  return ns;
}

export function destroyNamespace(ns: Netns): void {
  if (!live.delete(ns.name)) return;
  must(["ip", "netns", "delete", ns.name]);
}

/** Runs `body` with a fresh namespace, deleted afterwards whatever happens. */
export function withNamespace<T>(label: string, body: (ns: Netns) => T): T {
  const ns = createNamespace(label);
  try {
    return body(ns);
  } finally {
    destroyNamespace(ns);
  }
}

/** This process's namespaces that still exist. */
export function liveNamespaces(): string[] {
  return must(["ip", "netns", "list"])
    .split("\n")
    .map((l) => l.split(" ")[0] ?? "")
    .filter((n) => n.startsWith(PREFIX));
}

const lines = (text: string): string[] =>
  text
    .split("\n")
    .map((l) => l.replace(/\s+/g, " ").trim())
    .filter((l) => l !== "");

/** `ip -o addr` lines without the interface index and the lifetimes. */
function addressLines(text: string): string[] {
  return lines(text.replace(/\\.*$/gm, "")).map((l) => l.replace(/^\d+: /, ""));
}

/**
 * iptables-save / arptables-save output without comments, counters and the built-in chains'
 * ACCEPT policies. The nft backend keeps a table registered once a command has looked at it,
 * so a table that is empty apart from its built-in chains does not show here at all: stop may
 * leave such a table behind, which is as good as none.
 */
function ruleLines(text: string): string[] {
  const out: string[] = [];
  let table = "";
  for (const line of lines(text)) {
    if (line.startsWith("#") || line === "COMMIT") continue;
    if (line.startsWith("*")) table = line.slice(1);
    else if (line.startsWith(":")) {
      const [chain, policy] = line.slice(1).split(" ");
      if (policy !== "ACCEPT") out.push(`${table} :${chain} ${policy}`);
    } else out.push(`${table} ${line}`);
  }
  return out;
}

function sysctlValues(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of lines(text)) {
    const eq = line.indexOf(" = ");
    if (eq > 0) values[line.slice(0, eq)] = line.slice(eq + 3);
  }
  return values;
}

/**
 * The `-A` lines of an iptables-restore file, as `TABLE -A …` (the form NetState uses), with a
 * `--set-mark N` spelled as this iptables-save prints it back (`--set-xmark 0xN/0xffffffff`).
 */
export function restoreFileRules(text: string): string[] {
  let table = "";
  const out: string[] = [];
  for (const line of lines(text)) {
    if (line.startsWith("*")) table = line.slice(1);
    else if (line.startsWith("-A ")) out.push(`${table} ${line.replace(/--set-mark (\d+)$/, (_, n: string) => `--set-xmark 0x${Number(n).toString(16)}/0xffffffff`)}`);
  }
  return out;
}
