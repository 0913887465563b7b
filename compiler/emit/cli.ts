/** `lvs-compile FILE -o DIR`: the bundle of scripts and settings for every machine of the cluster. */
import { dirname, resolve as resolvePath } from "node:path";
import { createTwoFilesPatch } from "diff";
import type { BundleOptions, DrArpMethod, Target } from "../../runtime/manifest.ts";
import { MANIFEST_SCHEMA } from "../../lib/manifest-schema.ts";
import { errorMessage, parseCommandLine, UsageError, type CliIO, type TreeFile } from "../cli-io.ts";
import { ConfigError, findConfig } from "../lint/config.ts";
import { formatReports } from "../lint/formats/index.ts";
import { modelToJson } from "../model/resolve.ts";
import { DEFAULT_FTP_PASSIVE } from "./bundle.ts";
import type { Diagnostic, SeveritySetting } from "../lint/types.ts";
import { bundleOf, checkForCompile, hasErrors, piranhaReading, planned, type Planned } from "./compile.ts";
import { ipvsadmRules } from "./ipvsadm-rules.ts";
import { DEFAULT_LVS_RUN } from "./keepalived-checks.ts";
import { keepalivedConf } from "./keepalived.ts";
import { UnsafeValueError } from "./shell.ts";
import { BUNDLE_DIR } from "./systemd.ts";

export const COMPILE_USAGE = `Usage: lvs-compile [options] FILE|- -o DIR
       lvs-compile --check [options] FILE -o DIR
       lvs-compile --emit model|ipvsadm|keepalived [-o FILE] FILE|-

Compiles an lvs.cf into a bundle: the director's IPVS table, firewall marks, kernel settings
and init script, one real-server kit (a script and a data file) for every real server, the
canonical lvs.cf and a manifest for lvs-run. Lint errors stop it (exit 1); warnings are printed on standard error.

Options:
  -o, --output PATH           the bundle directory, or with --emit the file. The directory is
                              replaced as a whole, so it must be new, empty or an earlier bundle
      --force                 replace a directory or file at PATH that is not a bundle
      --target rhel5|modern   rhel5: ifconfig, arptables_jf, SysV scripts; modern (default):
                              iproute2, arptables INPUT/OUTPUT, systemd units beside the scripts
      --dr-arp METHOD         direct routing, how real servers keep quiet about the VIPs:
                              arptables, iptables (REDIRECT, no VIP) or sysctl (arp_ignore);
                              default arptables for rhel5, sysctl for modern
      --ftp-passive MIN:MAX   passive FTP data ports to mark and set in vsftpd (default ${DEFAULT_FTP_PASSIVE.min}:${DEFAULT_FTP_PASSIVE.max})
      --check                 compare the bundle in DIR with what would be written, with the
                              options it was made with unless others are given: a unified
                              diff, exit 1 when they differ
      --lvs-run PATH          with --emit keepalived: the lvs-run its MISC_CHECKs run
                              (default ${DEFAULT_LVS_RUN})
      --emit WHAT             bundle (default); model: the configuration as Piranha resolves it,
                              as JSON, also when it has lint errors (none when Piranha refuses
                              the file); ipvsadm: the IPVS table; keepalived: keepalived.conf
  -h, --help                  show this help
`;

const EMITS = ["bundle", "model", "ipvsadm", "keepalived"] as const;
const TARGETS: readonly Target[] = ["rhel5", "modern"];
const DR_ARP_METHODS: readonly DrArpMethod[] = ["arptables", "iptables", "sysctl"];
type Emit = (typeof EMITS)[number];

/** Where the manifest goes on a director, for commands written into other files. */
export const INSTALLED_MANIFEST = `${BUNDLE_DIR}/manifest.json`;

interface CompileArgs {
  readonly file: string;
  readonly output: string | null;
  readonly emit: Emit;
  readonly check: boolean;
  readonly force: boolean;
  /** With --emit keepalived: the lvs-run its MISC_CHECKs run. */
  readonly lvsRun: string;
  /** The bundle options given on the command line; the rest come from defaults (or, with --check, the bundle). */
  readonly given: Partial<BundleOptions>;
}

/** The bundle options: those given, else those of `base` (a bundle's manifest), else the defaults. */
function bundleOptions(given: Partial<BundleOptions>, base: Partial<BundleOptions> = {}): BundleOptions {
  const target = given.target ?? base.target ?? "modern";
  const drArp = given.drArp ?? (given.target === undefined ? base.drArp : undefined) ?? (target === "rhel5" ? "arptables" : "sysctl");
  return { target, drArp, ftpPassive: given.ftpPassive ?? base.ftpPassive ?? DEFAULT_FTP_PASSIVE };
}

/** The options as command-line words, for a message. */
function optionWords(o: BundleOptions): string {
  return `--target ${o.target} --dr-arp ${o.drArp} --ftp-passive ${o.ftpPassive.min}:${o.ftpPassive.max}`;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${option} takes ${allowed.join(", ")}, not '${value}'`);
  return value as T;
}

function passiveRange(value: string | undefined): { min: number; max: number } | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{1,5}):(\d{1,5})$/.exec(value);
  const min = Number(m?.[1]);
  const max = Number(m?.[2]);
  if (!m || min < 1024 || max > 65535 || min > max) throw new UsageError(`--ftp-passive takes MIN:MAX with 1024 <= MIN <= MAX <= 65535, not '${value}'`);
  return { min, max };
}

function parseCompileArgs(argv: string[]): CompileArgs | "help" {
  const { values, positionals } = parseCommandLine(argv, {
    output: { type: "string", short: "o" },
    target: { type: "string" },
    "dr-arp": { type: "string" },
    "ftp-passive": { type: "string" },
    check: { type: "boolean" },
    force: { type: "boolean" },
    "lvs-run": { type: "string" },
    emit: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) return "help";
  const emit = oneOf(values.emit, EMITS, "--emit") ?? "bundle";
  const target = oneOf(values.target, TARGETS, "--target");
  const drArp = oneOf(values["dr-arp"], DR_ARP_METHODS, "--dr-arp");
  const ftpPassive = passiveRange(values["ftp-passive"]);
  if (positionals.length !== 1) throw new UsageError("give exactly one lvs.cf file (or - for standard input)");
  const check = values.check ?? false;
  if (emit === "bundle" && !values.output) throw new UsageError("say where the bundle goes: -o DIR");
  if (check && emit !== "bundle") throw new UsageError("--check compares a bundle; it does not combine with --emit " + emit);
  if (check && positionals[0] === "-") throw new UsageError("--check needs the lvs.cf as a file, not standard input");
  if (values["lvs-run"] !== undefined && (emit !== "keepalived" || !values["lvs-run"].startsWith("/")))
    throw new UsageError("--lvs-run takes the absolute path of lvs-run on the directors, with --emit keepalived");
  return {
    file: positionals[0]!,
    output: values.output ?? null,
    emit,
    check,
    force: values.force ?? false,
    lvsRun: values["lvs-run"] ?? DEFAULT_LVS_RUN,
    given: { ...(target ? { target } : {}), ...(drArp ? { drArp } : {}), ...(ftpPassive ? { ftpPassive } : {}) },
  };
}

/** A unified diff of two file trees: changed, missing and extra files. */
function treeDiff(current: readonly TreeFile[], wanted: readonly TreeFile[]): string {
  const have = new Map(current.map((f) => [f.path, f]));
  const want = new Map(wanted.map((f) => [f.path, f]));
  const paths = [...new Set([...have.keys(), ...want.keys()])].sort();
  let out = "";
  for (const p of paths) {
    const a = have.get(p);
    const b = want.get(p);
    if (a && b && a.text === b.text) {
      if (a.mode !== b.mode) out += `mode of ${p}: ${a.mode} in the bundle, ${b.mode} wanted\n`;
      continue;
    }
    out += createTwoFilesPatch(a ? `a/${p}` : "/dev/null", b ? `b/${p}` : "/dev/null", a?.text ?? "", b?.text ?? "", "", "", { context: 3 });
  }
  return out;
}

/** The lvs.cf's text, and its bytes as read when it comes from a file. */
async function readSource(file: string, io: CliIO): Promise<{ text: string; bytes: Buffer | null }> {
  if (file === "-") return { text: await io.readStdin(), bytes: null };
  const bytes = io.readBytes(resolvePath(io.cwd, file));
  return { text: bytes.toString("utf8"), bytes };
}

export async function compileMain(argv: string[], io: CliIO): Promise<number> {
  const args = parseCompileArgs(argv);
  if (args === "help") {
    io.stdout(COMPILE_USAGE);
    return 0;
  }
  // Where the output goes is settled first: a refusal costs no compile.
  let outPath: string | null = null;
  if (args.output !== null && !args.check) {
    const path = resolvePath(io.cwd, args.output);
    const input = args.file === "-" ? null : resolvePath(io.cwd, args.file);
    const t = args.emit === "bundle" ? io.bundleTarget(path, args.force, input) : io.fileTarget(path, input === null ? [] : [input]);
    if (!t.ok) {
      io.stderr(`lvs-compile: ${args.output}: ${t.reason}\n`);
      return 2;
    }
    outPath = t.path;
  }
  let text: string;
  let bytes: Buffer | null;
  try {
    ({ text, bytes } = await readSource(args.file, io));
  } catch (e) {
    io.stderr(`lvs-compile: ${args.file}: ${errorMessage(e)}\n`);
    return 2;
  }
  if (args.emit === "model") return emitModel(text, args.file, outPath, args.output, io);
  let settings;
  try {
    settings = findConfig(args.file === "-" ? io.cwd : dirname(resolvePath(io.cwd, args.file))).settings;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.stderr(`lvs-compile: ${e.message}\n`);
    return 2;
  }
  const ready = checkedPlan(text, settings, args.file, io);
  if (ready === null) return 1;

  const dir = resolvePath(io.cwd, args.output ?? ".");
  // --check compares with the bundle as it was made: its options, unless the command line gives others.
  const current = args.check ? io.readTree(dir) : null;
  if (args.check && current === null) {
    io.stderr(`lvs-compile: ${args.output}: no bundle there to check\n`);
    return 1;
  }
  const manifest = current === null ? null : parsedManifest(current);
  const schema = typeof manifest?.schema === "number" ? manifest.schema : null;
  if (schema !== null && schema < MANIFEST_SCHEMA) {
    io.stderr(
      `lvs-compile: ${args.output}: a bundle of manifest schema ${schema} (a folder per real server); lvs-compile ${args.file} -o ${args.output} replaces it as a whole\n`,
    );
    return 1;
  }
  const made = manifest === null ? undefined : manifestOptions(manifest);
  const options = bundleOptions(args.given, made);
  if (made && optionWords(bundleOptions(made)) !== optionWords(options))
    io.stderr(`lvs-compile: ${args.output}: the bundle was made with ${optionWords(bundleOptions(made))}; checking against ${optionWords(options)}\n`);
  // The large files are made as they are compared or written: a value a generator refuses
  // surfaces there as well as here.
  try {
    const output = emitted(args, options, text, bytes, ready, io);
    if (typeof output === "string") {
      if (outPath === null) io.stdout(output);
      else if (!writeOutput(() => io.writeFile(outPath, output), args.output!, "the file", io)) return 2;
      return 0;
    }
    if (current !== null) {
      const diff = treeDiff(current, output);
      io.stdout(diff);
      return diff === "" ? 0 : 1;
    }
    return writeOutput(() => io.writeTree(outPath!, output), args.output!, "the bundle", io) ? 0 : 2;
  } catch (e) {
    if (!(e instanceof UnsafeValueError)) throw e;
    io.stderr(`lvs-compile: ${args.file}: cannot generate scripts: ${e.message}\n`);
    return 1;
  }
}

/**
 * The file's findings reported, and unless they hold an error what the outputs are made from;
 * the syntax tree and the model stay behind, for the collector to take.
 */
function checkedPlan(text: string, settings: Readonly<Record<string, SeveritySetting>>, file: string, io: CliIO): Planned | null {
  const checked = checkForCompile(text, true, settings);
  reportFindings(checked.diagnostics, file, io);
  return hasErrors(checked) ? null : planned(checked);
}

function reportFindings(diagnostics: readonly Diagnostic[], file: string, io: CliIO): void {
  if (diagnostics.length > 0) io.stderr(formatReports([{ filePath: file, diagnostics: [...diagnostics] }], "stylish"));
}

/**
 * `--emit model`: the model of every file Piranha's parser reads, errors or not, for that is when
 * a user wants to see it; exit 1 when there are errors, and no model for a file it refuses.
 */
function emitModel(text: string, file: string, outPath: string | null, shown: string | null, io: CliIO): number {
  const { diagnostics, model } = piranhaReading(text);
  reportFindings(diagnostics, file, io);
  if (model === null) {
    io.stderr(`lvs-compile: ${file}: Piranha's parser refuses this file, so it has no model\n`);
    return 1;
  }
  const json = modelToJson(model);
  if (outPath === null) io.stdout(json);
  else if (!writeOutput(() => io.writeFile(outPath, json), shown!, "the file", io)) return 2;
  return diagnostics.some((d) => d.severity === "error") ? 1 : 0;
}

/** Runs a write; a failure is one line naming the place and the reason. A value a generator refuses while the file is made is thrown on. */
function writeOutput(write: () => void, shown: string, what: string, io: CliIO): boolean {
  try {
    write();
    return true;
  } catch (e) {
    if (e instanceof UnsafeValueError) throw e;
    const err = e as NodeJS.ErrnoException;
    // The temporary copy is made beside the target: a refusal there names that directory.
    const where = (err.code === "EACCES" || err.code === "EROFS") && err.path ? ` in ${dirname(err.path)}` : "";
    io.stderr(`lvs-compile: ${shown}: cannot write ${what}: ${errorMessage(e)}${where}\n`);
    return false;
  }
}

/** A bundle's manifest.json as parsed, null when there is none or it is not JSON. */
function parsedManifest(tree: readonly TreeFile[]): { schema?: unknown; options?: unknown } | null {
  const manifest = tree.find((f) => f.path === "manifest.json");
  if (!manifest) return null;
  try {
    const parsed = JSON.parse(manifest.text) as unknown;
    return typeof parsed === "object" && parsed !== null ? parsed : null;
  } catch {
    return null;
  }
}

/** The options a manifest records, as far as they can be read. */
function manifestOptions(manifest: { options?: unknown }): Partial<BundleOptions> | undefined {
  const o = manifest.options as { target?: unknown; drArp?: unknown; ftpPassive?: { min?: unknown; max?: unknown } } | undefined;
  if (!o || typeof o !== "object") return undefined;
  const out: { target?: Target; drArp?: DrArpMethod; ftpPassive?: { min: number; max: number } } = {};
  if (TARGETS.includes(o.target as Target)) out.target = o.target as Target;
  if (DR_ARP_METHODS.includes(o.drArp as DrArpMethod)) out.drArp = o.drArp as DrArpMethod;
  const p = o.ftpPassive;
  if (p && Number.isInteger(p.min) && Number.isInteger(p.max)) out.ftpPassive = { min: p.min as number, max: p.max as number };
  return out;
}

function emitted(args: CompileArgs, options: BundleOptions, text: string, bytes: Buffer | null, ready: Planned, io: CliIO): string | TreeFile[] {
  const plan = ready.plan;
  if (args.emit === "ipvsadm") return ipvsadmRules(plan);
  if (args.emit === "keepalived") {
    const { text: conf, warnings } = keepalivedConf(plan, { manifestPath: INSTALLED_MANIFEST, lvsRun: args.lvsRun });
    for (const w of warnings) io.stderr(`lvs-compile: ${args.file}: warning: ${w}\n`);
    return conf;
  }
  return [...bundleOf(text, ready, options, bytes).files];
}
