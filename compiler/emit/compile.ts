/** From lvs.cf text to a bundle: lint, resolve, plan, generate. */
import type { BundleOptions, RuntimePlan } from "../../runtime/manifest.ts";
import { asPiranhaReadsLines } from "../../grammar/piranha-lines.ts";
import { formatChunks } from "../format/print.ts";
import { LintRun, lintText } from "../lint/engine.ts";
import { ALL_RULES } from "../lint/rules/index.ts";
import type { Diagnostic, SeveritySetting } from "../lint/types.ts";
import { buildPlan } from "../model/plan.ts";
import type { LvsModel } from "../model/resolve.ts";
import { buildBundle, type Bundle } from "./bundle.ts";

export interface Compiled {
  /** Warnings and errors, with host names (LVS1014) raised to errors: scripts need addresses. */
  readonly diagnostics: readonly Diagnostic[];
  readonly model: LvsModel;
  /**
   * The file in the canonical layout (the bundle's copy), or as read when formatting cannot
   * repair it; in pieces, one after another.
   */
  readonly formatted: readonly string[];
}

/**
 * The rules whose findings no `.lvs-lint.json` can waive for a bundle: what Piranha's parser
 * refuses (the file then means nothing certain), and values no script can take (host names
 * where scripts need addresses; ports, weights and interface names out of range).
 */
const COMPILE_REQUIRED: ReadonlySet<string> = new Set(
  ALL_RULES.filter((r) => r.meta.parser === "refuses" || r.meta.scripts === "refuses").flatMap((r) => [r.meta.id, r.meta.alias]),
);

/** `settings` without those for the rules a compile always applies, by id or alias. */
function compileSettings(settings: Readonly<Record<string, SeveritySetting>>): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  for (const [name, value] of Object.entries(settings)) if (!COMPILE_REQUIRED.has(name)) out[name] = value;
  return out;
}

/**
 * A finding as a compile reports it. Host names are resolved by pulse when it starts; a script
 * needs the address itself. A value no script takes is reported whatever waives it for lvs-lint.
 */
function forCompile(d: Diagnostic): Diagnostic {
  if (d.ruleId === "LVS1014") {
    if (d.severity === "error") return d;
    return { ...d, severity: "error", message: `${d.message} (lvs-compile writes addresses into scripts and needs the IPv4 address here)` };
  }
  if (!d.unscriptable) return d;
  return { ...d, message: `${d.message} (no script can take this value: lvs-compile reports it whatever a disable comment or .lvs-lint.json says)` };
}

/**
 * Lint findings worth showing (no infos), the model and the formatted text, from one parse, with
 * the severities of `settings` (a `.lvs-lint.json`) except for the rules a compile always
 * applies. For scripts (`forScripts`, the default) host names are errors; what Piranha itself
 * reads (`--emit model`) keeps them as warnings.
 */
export function checkForCompile(text: string, forScripts = true, settings: Readonly<Record<string, SeveritySetting>> = {}): Compiled {
  const options = { settings: compileSettings(settings), ...(forScripts ? { unsilenced: (d: Diagnostic) => d.unscriptable } : {}) };
  let run: LintRun | null = null;
  const { output, facts } = formatChunks(text, {}, (chunk) => {
    run ??= new LintRun(chunk.source, options);
    run.add(chunk.items, chunk.comments);
  });
  const result = (run ?? new LintRun(facts.source, options)).finish(facts);
  const shown = result.diagnostics.filter((d) => d.severity !== "info");
  // A syntax error the formatter cannot repair is an error here too, and stops the bundle.
  return { diagnostics: forScripts ? shown.map(forCompile) : shown, model: result.model, formatted: output };
}

export function hasErrors(c: Compiled): boolean {
  return c.diagnostics.some((d) => d.severity === "error");
}

/** What the outputs are made from, once a file is found free of errors: the model is no longer needed. */
export interface Planned {
  readonly formatted: readonly string[];
  readonly plan: RuntimePlan;
  readonly serialNo: number;
}

export function planned(checked: Compiled): Planned {
  return { formatted: checked.formatted, plan: buildPlan(checked.model), serialNo: checked.model.global.serial_no };
}

/** The bundle of `text` (read as `bytes`, when known), which `checkForCompile` found free of errors. */
export function bundleOf(text: string, checked: Compiled | Planned, options: BundleOptions, bytes: Buffer | null = null): Bundle {
  const p = "plan" in checked ? checked : planned(checked);
  return buildBundle({ text, bytes }, p.formatted, p.plan, options, p.serialNo);
}

/**
 * What `--emit model` shows of `text`: the configuration as Piranha's parser reads it (a CRLF
 * file as its first line), or null when the parser refuses the file; with the findings.
 */
export function piranhaReading(text: string): { readonly diagnostics: readonly Diagnostic[]; readonly model: LvsModel | null } {
  const checked = checkForCompile(text, false);
  // With carriage returns, the verdict and the model come from the lines as Piranha splits them.
  const seen = asPiranhaReadsLines(text);
  const read = seen === text ? checked : lintText(seen);
  return { diagnostics: checked.diagnostics, model: read.diagnostics.some((d) => d.refused) ? null : read.model };
}
