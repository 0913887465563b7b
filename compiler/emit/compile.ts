/** From lvs.cf text to a bundle: lint, resolve, plan, generate. */
import type { BundleOptions } from "../../runtime/manifest.ts";
import { formatChecked } from "../format/errors.ts";
import { lintText } from "../lint/engine.ts";
import type { Diagnostic } from "../lint/types.ts";
import { buildPlan } from "../model/plan.ts";
import type { LvsModel } from "../model/resolve.ts";
import { buildBundle, type Bundle } from "./bundle.ts";

export interface Compiled {
  /** Warnings and errors, with host names (LVS1014) raised to errors: scripts need addresses. */
  readonly diagnostics: readonly Diagnostic[];
  readonly model: LvsModel;
}

/** Host names are resolved by pulse when it starts; a script needs the address itself. */
function forCompile(d: Diagnostic): Diagnostic {
  if (d.ruleId !== "LVS1014" || d.severity === "error") return d;
  return { ...d, severity: "error", message: `${d.message} (lvs-compile writes addresses into scripts and needs the IPv4 address here)` };
}

/**
 * Lint findings worth showing (no infos) and the model. For scripts (`forScripts`, the default)
 * host names are errors; what Piranha itself reads (`--emit model`) keeps them as warnings.
 */
export function checkForCompile(text: string, forScripts = true): Compiled {
  const result = lintText(text);
  const shown = result.diagnostics.filter((d) => d.severity !== "info");
  return { diagnostics: forScripts ? shown.map(forCompile) : shown, model: result.model };
}

export function hasErrors(c: Compiled): boolean {
  return c.diagnostics.some((d) => d.severity === "error");
}

/** The bundle of `text`, which `checkForCompile` found free of errors. */
export function bundleOf(text: string, model: LvsModel, options: BundleOptions): Bundle {
  const formatted = formatChecked(text);
  return buildBundle(text, formatted.error ? text : formatted.output, buildPlan(model), options);
}
