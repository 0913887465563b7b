/** What a command-line front end needs from its process, so that it can run in tests too. */
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync, type Stats } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { homedir } from "node:os";
import { bundleTarget, fileTarget, type OutputTarget } from "./output-path.ts";

export interface CliIO {
  readonly cwd: string;
  readStdin(): Promise<string>;
  /**
   * A file's text. With `forRewrite` (the file is to be rewritten), one that is not text is a
   * NotTextError: rewriting it would change bytes the tools never read.
   */
  readFile(path: string, forRewrite?: boolean): string;
  /** A file's bytes as they are. */
  readBytes(path: string): Buffer;
  /** Writes a file atomically: a temporary file beside it, then a rename. */
  writeFile(path: string, text: string): void;
  /**
   * Replaces the directory `path` with one holding exactly `files` (relative paths): they are
   * written to a temporary directory beside it, which is then renamed into place.
   */
  writeTree(path: string, files: readonly TreeFile[]): void;
  /**
   * Whether a bundle may replace `path` (see output-path.ts), and the path to write it to; the
   * working directory, the home directory and `input` are never lost to it.
   */
  bundleTarget(path: string, force: boolean, input: string | null): OutputTarget;
  /** Whether a report or an emitted file may be written at `path` (never over an input), and where. */
  fileTarget(path: string, inputs: readonly string[]): OutputTarget;
  /** Every file under `path`, relative paths with `/`, sorted; null when there is no such directory. */
  readTree(path: string): TreeFile[] | null;
  stdout(text: string): void;
  stderr(text: string): void;
  /** The width of the terminal standard output goes to; null when it goes to a file or a pipe. */
  readonly stdoutColumns: number | null;
}

export interface TreeFile {
  readonly path: string;
  readonly text: string;
  /** The text as UTF-8, made when first asked for. */
  readonly bytes?: Buffer;
  /**
   * The bytes in chunks, for a large file: each is written before the next is asked for, which
   * may reuse its memory.
   */
  chunks?(): Iterable<Uint8Array>;
  /** Octal permission bits, e.g. "0755". */
  readonly mode: string;
  readonly split?: SplitFile | null;
}

/**
 * A file whose opening needs every other file written with it and whose bulk does not (a
 * manifest: the others' hashes, then its plan). The body is written at `at`, the head's length,
 * known before the head is; the head is made and written last.
 */
export interface SplitFile {
  readonly at: number;
  /** The body in chunks, as `TreeFile.chunks`. */
  body(): Iterable<Uint8Array>;
  head(): Buffer;
}

/** Writes all of `bytes` to `fd` at `position` (null: where the file is at), however much the kernel takes at a time. */
function writeAll(fd: number, bytes: Uint8Array, position: number | null): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at, position === null ? null : position + at);
}

/** Writes `chunks` one after another to `fd` from `position` (null: where the file is at). */
function writeChunks(fd: number, chunks: Iterable<Uint8Array>, position: number | null): void {
  let at = position;
  for (const chunk of chunks) {
    writeAll(fd, chunk, at);
    if (at !== null) at += chunk.length;
  }
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

/** A split file's head, which must be as long as announced: its body stands right after it. */
function headOf(file: TreeFile): Buffer {
  const head = file.split!.head();
  if (head.length !== file.split!.at) throw new Error(`${file.path}: its head is ${head.length} bytes where ${file.split!.at} were announced`);
  return head;
}

/**
 * `files` written under the new directory `root`, each with its mode, one after another, a
 * large file in chunks; the split files' heads last, once every other file is written.
 */
function writeFiles(root: string, files: readonly TreeFile[]): void {
  const made = new Set<string>([root]);
  // A file gets its mode as it is created, unless the umask takes bits from it.
  const umask = process.umask();
  const create = (f: TreeFile): number => {
    const target = join(root, ...f.path.split("/"));
    const dir = dirname(target);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    const mode = parseInt(f.mode, 8);
    const fd = openSync(target, "wx", mode);
    if ((mode & umask) !== 0) {
      try {
        chmodSync(target, mode);
      } catch (e) {
        closeSync(fd);
        throw e;
      }
    }
    return fd;
  };
  /** Split files whose head is still to come. */
  const open: Array<{ file: TreeFile; fd: number }> = [];
  try {
    for (const file of files) {
      const fd = create(file);
      if (file.split) {
        open.push({ file, fd });
        writeChunks(fd, file.split.body(), file.split.at);
        continue;
      }
      try {
        writeChunks(fd, file.chunks?.() ?? [file.bytes ?? Buffer.from(file.text)], null);
      } finally {
        closeSync(fd);
      }
    }
    for (const { file, fd } of open) writeAll(fd, headOf(file), 0);
  } finally {
    for (const { fd } of open) closeSync(fd);
  }
}

/**
 * A reader that stops reading (`| head`) closes the pipe: the command then ends at once, with
 * the status it has so far and nothing on standard error, as a Unix filter does. Any other
 * failure to write standard output is one line and exit 2.
 */
function endQuietlyOnClosedPipe(): void {
  if (process.stdout.listenerCount("error") > 0) return;
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    process.stderr.write(`cannot write standard output: ${errorMessage(e)}\n`);
    process.exit(2);
  });
}

export function processIO(): CliIO {
  endQuietlyOnClosedPipe();
  return {
    cwd: process.cwd(),
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
    // Read whole, then decoded: quicker than readFileSync's own decoding for a large file.
    readFile: (path, forRewrite = false) => (forRewrite ? textOf(readFileSync(path)) : readFileSync(path).toString("utf8")),
    readBytes: (path) => readFileSync(path),
    writeFile(path, text) {
      // Through a symbolic link to the file it names; the file keeps its mode and owner.
      let target = path;
      try {
        target = realpathSync(path);
      } catch {
        // A new file.
      }
      const old = statOrNull(target);
      const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
      try {
        writeFileSync(tmp, text, old ? { mode: old.mode & 0o7777 } : {});
        if (old) {
          chmodSync(tmp, old.mode & 0o7777);
          if (old.uid !== process.getuid?.() || old.gid !== process.getgid?.()) chownSync(tmp, old.uid, old.gid);
        }
        renameSync(tmp, target);
      } catch (e) {
        rmSync(tmp, { force: true });
        throw e;
      }
    },
    writeTree(path, files) {
      const stamp = `${process.pid}.${Date.now()}`;
      const tmp = join(dirname(path), `.${basename(path)}.${stamp}.tmp`);
      const old = join(dirname(path), `.${basename(path)}.${stamp}.old`);
      // The parents first, then the temporary directory alone: a recursive mkdir reports a
      // read-only or unwritable parent as ENOENT.
      mkdirSync(dirname(path), { recursive: true });
      mkdirSync(tmp);
      try {
        writeFiles(tmp, files);
        const hadOld = existsSync(path);
        if (hadOld) renameSync(path, old);
        try {
          renameSync(tmp, path);
        } catch (e) {
          if (hadOld) renameSync(old, path);
          throw e;
        }
        if (hadOld) rmSync(old, { recursive: true, force: true });
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    },
    bundleTarget: (path, force, input) =>
      bundleTarget(path, force, [
        { path: process.cwd(), name: "the current directory" },
        { path: homedir(), name: "your home directory" },
        ...(input === null ? [] : [{ path: input, name: "the lvs.cf being compiled" }]),
      ]),
    fileTarget,
    readTree(path) {
      if (!existsSync(path) || !statSync(path).isDirectory()) return null;
      const out: TreeFile[] = [];
      const walk = (dir: string, prefix: string): void => {
        for (const e of readdirSync(dir, { withFileTypes: true })) {
          const full = join(dir, e.name);
          if (e.isDirectory()) walk(full, `${prefix}${e.name}/`);
          else if (e.isFile()) out.push({ path: `${prefix}${e.name}`, text: readFileSync(full, "utf8"), mode: `0${(statSync(full).mode & 0o777).toString(8)}` });
        }
      };
      walk(path, "");
      return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdoutColumns: process.stdout.isTTY ? process.stdout.columns : null,
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

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** Thrown for a file that is not text: an lvs.cf is UTF-8 (a byte order mark allowed) without NUL bytes. */
export class NotTextError extends Error {}

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The text of a file's bytes; a NotTextError when they are not text. */
export function textOf(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new NotTextError("not a text file (it holds NUL bytes); nothing was changed");
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new NotTextError("not a text file (it is not valid UTF-8); nothing was changed");
  }
}

export function errorMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === "ENOENT") return "no such file";
  if (err?.code === "EACCES") return "permission denied";
  if (err?.code === "EISDIR") return "is a directory";
  if (err?.code === "ENOTDIR") return "a part of the path is not a directory";
  if (err?.code === "EROFS") return "read-only file system";
  if (err?.code === "EBUSY") return "busy (a mount point?)";
  if (err?.code === "ENOSPC") return "no space left on device";
  if (err?.code === "EDQUOT") return "disk quota exceeded";
  return err instanceof Error ? err.message : String(e);
}
