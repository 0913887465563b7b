/** What a command-line front end needs from its process, so that it can run in tests too. */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";

export interface CliIO {
  readonly cwd: string;
  readStdin(): Promise<string>;
  readFile(path: string): string;
  /** Writes a file atomically: a temporary file beside it, then a rename. */
  writeFile(path: string, text: string): void;
  stdout(text: string): void;
  stderr(text: string): void;
}

export class UsageError extends Error {}

/** `util.parseArgs` with positionals allowed; a malformed command line becomes a one-line UsageError. */
export function parseCommandLine<O extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split("\n")[0]!);
  }
}

export function processIO(): CliIO {
  return {
    cwd: process.cwd(),
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
    readFile: (path) => readFileSync(path, "utf8"),
    writeFile(path, text) {
      const tmp = join(dirname(path), `.${process.pid}.${Date.now()}.tmp`);
      writeFileSync(tmp, text);
      renameSync(tmp, path);
    },
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
  };
}

/** Runs a front end: usage errors and unexpected failures become one line and exit 2. */
export async function runCli(name: string, main: (io: CliIO) => Promise<number>, io: CliIO = processIO()): Promise<number> {
  try {
    return await main(io);
  } catch (e) {
    if (e instanceof UsageError) io.stderr(`${name}: ${e.message}\nTry '${name} --help'.\n`);
    else io.stderr(`${name}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

export function errorMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === "ENOENT") return "no such file";
  if (err?.code === "EACCES") return "permission denied";
  if (err?.code === "EISDIR") return "is a directory";
  return err instanceof Error ? err.message : String(e);
}
