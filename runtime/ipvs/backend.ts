/** Where the table is read and changed: the ipvsadm program, or a dry run that only prints. */
import { execFile, spawn, type ExecFileException } from "node:child_process";
import { basename } from "node:path";
import { parseDaemons, parseListing, parseSaved, parseStats } from "./saved.ts";
import type { DestinationConnections, IpvsBackend, IpvsTable } from "./types.ts";

const TIMEOUT_MS = 5_000;
/** `ipvsadm -S -n` of 10,000 services with their servers is a few megabytes. */
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

/** A failed ipvsadm run; `exitCode` is null when it did not exit by itself (or never started). */
export class IpvsadmError extends Error {
  constructor(
    message: string,
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(message);
    this.name = "IpvsadmError";
  }
}

const PLAIN_WORD = /^[A-Za-z0-9_./:%@+,=-]+$/;

/** The word a POSIX shell reads back as exactly `word`. */
export function shellQuote(word: string): string {
  return PLAIN_WORD.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `ipvsadm -a -t 10.0.0.1:80 …` as it would be typed. */
export function commandLine(program: string, args: readonly string[]): string {
  return [program, ...args].map(shellQuote).join(" ");
}

function failure(path: string, error: ExecFileException, stderr: string, timeoutMs: number): string {
  const said = stderr.trim().split("\n").map((l) => l.trim()).filter(Boolean).join("; ");
  if (error.code === "ENOENT") return `${path} not found`;
  if (error.code === "EACCES") return `${path} is not executable`;
  if (error.code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER") return `more than ${MAX_OUTPUT_BYTES} bytes of output`;
  if (error.killed) return `no answer within ${timeoutMs / 1000} s`;
  if (said) return said;
  if (typeof error.code === "number") return `exit status ${error.code}`;
  if (error.signal) return `killed by ${error.signal}`;
  return error.message;
}

/** ipvsadm at `path`, run without a shell; each run ends within `timeoutMs` (5 s) or fails. */
export function ipvsadmBackend(path: string, options: { readonly timeoutMs?: number } = {}): IpvsBackend {
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  const name = basename(path);
  const exec = (args: readonly string[]): Promise<string> =>
    new Promise((resolve, reject) => {
      execFile(path, [...args], { encoding: "utf8", timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: MAX_OUTPUT_BYTES }, (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const exitCode = typeof error.code === "number" ? error.code : null;
        reject(new IpvsadmError(`${commandLine(name, args)} failed: ${failure(path, error, stderr, timeoutMs)}`, args, exitCode, stderr));
      });
    });
  /** ipvsadm -R goes on after a failed line and may still exit 0: any complaint is a failure. */
  const restore = (commands: ReadonlyArray<readonly string[]>): Promise<void> =>
    new Promise((resolve, reject) => {
      const child = spawn(path, ["-R"], { stdio: ["pipe", "ignore", "pipe"] });
      let stderr = "";
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", (e) => {
        clearTimeout(timer);
        reject(new IpvsadmError(`${name} -R failed: ${e.message}`, ["-R"], null, stderr));
      });
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        const said = stderr.trim().split("\n").filter(Boolean).join("; ");
        if (code === 0 && !said) return resolve();
        const why = said || (signal ? `killed by ${signal}` : `exit status ${code}`);
        reject(new IpvsadmError(`${name} -R of ${commands.length} commands failed: ${why}`, ["-R"], code, stderr));
      });
      child.stdin.on("error", () => {});
      child.stdin.end(commands.map((c) => c.join(" ")).join("\n") + "\n");
    });
  return {
    read: async () => parseSaved(await exec(["-S", "-n"])),
    connections: async () => parseListing(await exec(["-L", "-n"])),
    stats: async () => parseStats(await exec(["-L", "-n", "--stats", "--exact"])),
    daemons: async () => parseDaemons(await exec(["-L", "--daemon"])),
    run: async (args) => {
      await exec(args);
    },
    runBatch: restore,
  };
}

/**
 * Reads the table with `read` and prints each command (`ipvsadm -a -t …`) instead of running it;
 * the table it reads stays as it was. Connection counts come from `connections`, none without.
 */
export function dryRunBackend(read: () => Promise<IpvsTable>, print: (line: string) => void, connections: () => Promise<DestinationConnections[]> = async () => []): IpvsBackend {
  return {
    read,
    connections,
    run: async (args) => print(commandLine("ipvsadm", args)),
  };
}
