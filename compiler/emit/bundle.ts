/**
 * The bundle: every file `lvs-compile` writes, as data (path, text, mode), and its manifest.
 * Pure and deterministic: the same lvs.cf and options give the same bytes.
 */
import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { sha256 } from "../../lib/sha256.ts";
import type { SplitFile } from "../cli-io.ts";
import type { BundleFile, BundleManifest, BundleOptions, RuntimePlan } from "../../runtime/manifest.ts";
import { MANIFEST_SCHEMA } from "../../lib/manifest-schema.ts";
import { bundleReadme } from "./bundle-readme.ts";
import { layeredJsonSplit } from "./layered-json.ts";
import { directorIptablesRules } from "./director-firewall.ts";
import { DIRECTOR_SCRIPT, directorScript } from "./director-script.ts";
import { IPVSADM_RULES, ipvsadmRuleLines } from "./ipvsadm-rules.ts";
import { ftpServices, REALSERVER_DATA, realServerDataLines } from "./realserver-data.ts";
import { REALSERVER_SCRIPT, realServerScript } from "./realserver-script.ts";
import { directorSysctls, sysctlConf } from "./sysctl.ts";
import { DEFAULT_LVS_RUN } from "./keepalived-checks.ts";
import { BUNDLE_DIR, lvsRunUnit, systemdUnit } from "./systemd.ts";
import { encoded, utf8Chunks, type Text } from "./utf8-chunks.ts";
import { vsftpdConf, vsftpdFile } from "./vsftpd.ts";

/** Whether the pieces, one after another, are `text`. */
function isText(pieces: readonly string[], text: string): boolean {
  let at = 0;
  for (const piece of pieces) {
    if (!text.startsWith(piece, at)) return false;
    at += piece.length;
  }
  return at === text.length;
}

/**
 * A file of the bundle: its text, or a function that makes it when it is asked for. A large
 * file is written in chunks (`chunks`), hashed as they go: it is never whole in memory unless
 * its `bytes` are asked for.
 */
export class BundleEntry {
  private made: Buffer | null = null;
  private hash: string | null = null;

  constructor(
    readonly path: string,
    private readonly content: Text | (() => Text),
    readonly mode: "0644" | "0755" = "0644",
    readonly split: SplitFile | null = null,
  ) {}

  private textOf(): Text {
    return typeof this.content === "function" ? this.content() : this.content;
  }

  /** The file's bytes, UTF-8, whole. */
  get bytes(): Buffer {
    return (this.made ??= encoded(this.textOf()));
  }

  get text(): string {
    return this.bytes.toString("utf8");
  }

  /** The file's bytes in chunks that are used up as they come (see utf8Chunks); its sha256 is known after the last. */
  *chunks(): Generator<Uint8Array, void, undefined> {
    const hash = createHash("sha256");
    for (const chunk of utf8Chunks(this.made ?? this.textOf())) {
      hash.update(chunk);
      yield chunk;
    }
    this.hash = hash.digest("hex");
  }

  /** The sha256 of the bytes, in hex: as the chunks were hashed when they were all read. */
  get sha256(): string {
    return (this.hash ??= sha256(this.bytes));
  }
}

export interface Bundle {
  /** Sorted by path; manifest.json last. */
  readonly files: readonly BundleEntry[];
  /** The plan the manifest carries. */
  readonly plan: RuntimePlan;
}

export const DEFAULT_FTP_PASSIVE = { min: 10000, max: 20000 } as const;

function file(path: string, text: Text | (() => Text), mode: "0644" | "0755" = "0644"): BundleEntry {
  return new BundleEntry(path, text, mode);
}

/**
 * The real-server kit: one script and one data file for every real server, and a vsftpd
 * snippet per FTP service. Its size depends on the FTP services only.
 */
function realServerFiles(plan: RuntimePlan, options: BundleOptions): BundleEntry[] {
  const files = [
    file(`realserver/${REALSERVER_SCRIPT}`, realServerScript(options.target), "0755"),
    file(`realserver/${REALSERVER_DATA}`, () => realServerDataLines(plan, options).pieces()),
  ];
  if (options.target === "modern") files.push(file(`realserver/${REALSERVER_SCRIPT}.service`, systemdUnit(REALSERVER_SCRIPT, "LVS real server")));
  for (const ftp of ftpServices(plan)) files.push(file(`realserver/${vsftpdFile(ftp)}`, vsftpdConf(ftp, plan.method, options)));
  return files;
}

function directorFiles(plan: RuntimePlan, options: BundleOptions): BundleEntry[] {
  const files = [
    file(`director/${IPVSADM_RULES}`, () => ipvsadmRuleLines(plan).pieces()),
    file(`director/${DIRECTOR_SCRIPT}`, () => directorScript(plan, options), "0755"),
    file("director/sysctl.conf", sysctlConf(directorSysctls(plan), "kernel settings for the LVS directors (lvs-toolchain)")),
  ];
  const rules = directorIptablesRules(plan, options);
  if (rules !== null) files.push(file("director/iptables.rules", rules));
  if (options.target === "modern") {
    files.push(file(`director/${DIRECTOR_SCRIPT}.service`, systemdUnit(DIRECTOR_SCRIPT, "LVS director")));
    files.push(file("director/lvs-run.service", lvsRunUnit(DEFAULT_LVS_RUN, BUNDLE_DIR, plan.failover.backup === null)));
  }
  return files;
}

/** A hash's place before it is known: a sha256 in hex is always this long. */
const UNKNOWN_HASH = "0".repeat(64);

/** The lvs.cf as read: its text, and its bytes when they are at hand. */
export interface Source {
  readonly text: string;
  readonly bytes: Buffer | null;
}

/**
 * The bundle of a configuration lvs-lint reports no error in. `formatted` is the source in its
 * canonical layout (what goes on both directors). The large files are made as they are written
 * (or their bytes asked for); the manifest's plan can be asked for before them.
 */
export function buildBundle({ text: source, bytes }: Source, formatted: readonly string[], plan: RuntimePlan, options: BundleOptions, serialNo: number): Bundle {
  // A file already in the canonical layout is its own copy: hashed once, and written as read
  // when those bytes are the text's UTF-8 (no bytes the reading replaced).
  const same = isText(formatted, source);
  const asRead = same && bytes !== null && isUtf8(bytes) ? bytes : null;
  const canonical = file("lvs.cf", asRead ?? formatted);
  const files = [canonical, ...directorFiles(plan, options), ...realServerFiles(plan, options)];
  const withReadme = [...files, file("README.md", bundleReadme(plan, options, files.map((f) => f.path)))].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest = (hashOf: (f: BundleEntry) => string, sourceHash: string): BundleManifest => ({
    schema: MANIFEST_SCHEMA,
    source: { sha256: sourceHash, bytes: bytes?.length ?? Buffer.byteLength(source), serialNo },
    options,
    files: withReadme.map((f): BundleFile => ({ path: f.path, sha256: hashOf(f), mode: f.mode })),
    plan,
  });
  // The head lists every other file's hash: made last, once they are written (and hashed).
  // The source as read: its bytes when known (the canonical copy's, when it is written as read), else its text.
  const sourceHash = (): string => (asRead !== null || (bytes === null && same) ? canonical.sha256 : sha256(bytes ?? source));
  const head = (): Buffer => encoded(layeredJsonSplit(manifest((f) => f.sha256, sourceHash()), MANIFEST_DEPTH).head());
  const blank = layeredJsonSplit(manifest(() => UNKNOWN_HASH, UNKNOWN_HASH), MANIFEST_DEPTH);
  const split: SplitFile = { at: encoded(blank.head()).length, body: () => utf8Chunks(blank.body()), head };
  const manifestFile = new BundleEntry("manifest.json", () => Buffer.concat([head(), encoded(blank.body())]), "0644", split);
  return { files: [...withReadme, manifestFile], plan };
}

/** How deep the manifest opens a line per member: the plan's services one a line. */
const MANIFEST_DEPTH = 3;
