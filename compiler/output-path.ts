/**
 * Where a command may write its output. A bundle directory is replaced as a whole, so it is
 * written only where nothing but an earlier bundle would be lost; a report or an emitted file
 * goes only to a regular file. Kernel file systems and devices are never written, even with
 * --force.
 */
import { closeSync, lstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, type Stats } from "node:fs";
import { basename, dirname, join, resolve, sep } from "node:path";
import { StringDecoder } from "node:string_decoder";

export type OutputTarget = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

const KERNEL_TREES = ["/proc", "/sys", "/dev"];
const MANIFEST = "manifest.json";
/** How many foreign names a refusal lists. */
const SHOWN = 3;

const refuse = (reason: string): OutputTarget => ({ ok: false, reason });

/** `path` with its symbolic links resolved as far as it exists, the rest appended. */
function resolvedPath(path: string): string {
  const rest: string[] = [];
  let at = resolve(path);
  for (;;) {
    try {
      return join(realpathSync(at), ...rest);
    } catch {
      const parent = dirname(at);
      if (parent === at) return resolve(path);
      rest.unshift(basename(at));
      at = parent;
    }
  }
}

function kernelTree(path: string): string | null {
  return KERNEL_TREES.find((t) => path === t || path.startsWith(t + sep)) ?? null;
}

function statOf(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** What kind of thing a non-directory is, for a message. */
function kindOf(st: Stats): string {
  if (st.isFile()) return "a file";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  if (st.isFIFO()) return "a FIFO";
  if (st.isSocket()) return "a socket";
  return "not a directory";
}

/** The refusals every output shares: the root, kernel trees and special files. */
function specialRefusal(path: string, st: Stats | null): string | null {
  if (path === sep) return "that is the root directory";
  const tree = kernelTree(path);
  if (tree) return `${tree} belongs to the kernel; nothing is written there`;
  if (st && !st.isFile() && !st.isDirectory()) return `that is ${kindOf(st)}; nothing is written there`;
  return null;
}

/** A place whose loss --force must not cause, with what to call it in a message. */
export interface KeptPath {
  readonly path: string;
  readonly name: string;
}

/**
 * Why replacing `real` (an existing path, symbolic links resolved) as a whole would lose what no
 * --force can mean: a top-level directory such as /etc or /home, or a kept path (the working
 * directory, the home directory, the input file) or a directory holding one. Null when none.
 */
export function protectedPath(real: string, kept: readonly KeptPath[]): string | null {
  if (dirname(real) === sep) return `${real} is at the top of the file system; it is never replaced, even with --force`;
  for (const k of kept) {
    if (k.path === real) return `that is ${k.name}; it is never replaced, even with --force`;
    if (k.path.startsWith(real + sep)) return `that holds ${k.name}; it is never replaced, even with --force`;
  }
  return null;
}

/** The file paths an lvs-compile manifest lists, or null when `text` is not one (any schema). */
function bundleFiles(text: string): Set<string> | null {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return null;
  }
  const m = manifest as { schema?: unknown; files?: unknown; plan?: unknown };
  if (typeof m !== "object" || m === null || typeof m.schema !== "number" || !Array.isArray(m.files) || typeof m.plan !== "object") return null;
  const paths = new Set<string>();
  for (const f of m.files as Array<{ path?: unknown }>) {
    if (typeof f?.path !== "string") return null;
    paths.add(f.path);
  }
  return paths;
}

/** How a manifest lvs-compile wrote opens its plan, the last and by far the largest member. */
const PLAN_MEMBER = '\n  "plan": {';
/** How far into a manifest its plan is looked for before the whole file is read. */
const HEAD_LIMIT = 1 << 20;

/**
 * The members of the manifest at `path` before its plan, closed as a manifest with an empty
 * plan; null when the plan does not open where lvs-compile puts it. A plan of millions of
 * bytes then need not be read to learn which files the bundle holds.
 */
function manifestHead(path: string): string | null {
  const fd = openSync(path, "r");
  try {
    const decoder = new StringDecoder("utf8");
    const piece = Buffer.allocUnsafe(1 << 16);
    let text = "";
    while (text.length < HEAD_LIMIT) {
      const n = readSync(fd, piece, 0, piece.length, null);
      if (n === 0) return null;
      text += decoder.write(piece.subarray(0, n));
      const at = text.indexOf(PLAN_MEMBER);
      if (at >= 0) return `${text.slice(0, at)}"plan":{}}`;
    }
    return null;
  } finally {
    closeSync(fd);
  }
}

/** The file paths the manifest at `path` lists, or null when it is not one lvs-compile wrote. */
function listedFiles(path: string): Set<string> | null {
  try {
    const head = manifestHead(path);
    return (head === null ? null : bundleFiles(head)) ?? bundleFiles(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

/** Up to `SHOWN` entries under `dir` that `keep` does not accept (paths relative, with `/`). */
function foreignEntries(dir: string, keep: (relative: string, isDir: boolean) => boolean): string[] {
  const found: string[] = [];
  const walk = (at: string, prefix: string): void => {
    const entries = readdirSync(at, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (found.length >= SHOWN) return;
      const relative = prefix + e.name;
      if (!keep(relative, e.isDirectory())) found.push(e.isDirectory() ? `${relative}/` : relative);
      else if (e.isDirectory()) walk(join(at, e.name), `${relative}/`);
    }
  };
  walk(dir, "");
  return found;
}

function listing(names: readonly string[]): string {
  return names.map((n) => `'${n}'`).join(", ") + (names.length >= SHOWN ? " …" : "");
}

/**
 * Whether `lvs-compile -o path` may replace `path` with a bundle: when nothing is there, an
 * empty directory, or a bundle lvs-compile wrote and nothing else; any other directory or a
 * file only with `force`. The path comes back with its symbolic links resolved.
 */
export function bundleTarget(path: string, force: boolean, kept: readonly KeptPath[]): OutputTarget {
  const real = resolvedPath(path);
  const st = statOf(real);
  const special = specialRefusal(real, st);
  if (special) return refuse(special);
  if (st === null) return { ok: true, path: real };
  if (st.isDirectory()) {
    const parent = statOf(dirname(real));
    if (parent && parent.dev !== st.dev) return refuse("that is a mount point, and a bundle directory is replaced as a whole; give a directory inside it");
  }
  const lost = protectedPath(real, kept.map((k) => ({ ...k, path: resolvedPath(k.path) })));
  if (lost) return refuse(lost);
  if (force) return { ok: true, path: real };
  if (!st.isDirectory()) return refuse("that is a file, not a bundle directory; remove it, or give --force to replace it");
  const listed = listedFiles(join(real, MANIFEST));
  const dirs = new Set<string>();
  for (const p of listed ?? []) for (let d = dirname(p); d !== "."; d = dirname(d)) dirs.add(d);
  // Without a bundle's manifest, the manifest.json there is someone else's file too.
  const foreign = foreignEntries(real, (relative, isDir) => (isDir ? dirs.has(relative) : listed !== null && (relative === MANIFEST || listed.has(relative))));
  if (foreign.length === 0) return { ok: true, path: real };
  const what = listed ? `holds ${listing(foreign)}, which the bundle there does not list` : `is not empty and holds no lvs-compile bundle (${listing(foreign)})`;
  return refuse(`${what}; the whole directory would be replaced. Give a new or empty directory, or --force to replace it`);
}

/**
 * Whether a report or an emitted file may be written at `path`: a new or regular file only, and
 * none of the `inputs` being read.
 */
export function fileTarget(path: string, inputs: readonly string[]): OutputTarget {
  const real = resolvedPath(path);
  const st = statOf(real);
  const special = specialRefusal(real, st);
  if (special) return refuse(special);
  if (st?.isDirectory()) return refuse("that is a directory; -o takes a file name");
  if (inputs.some((i) => resolvedPath(i) === real)) return refuse("that is an input file; write the output to another file");
  return { ok: true, path: real };
}
