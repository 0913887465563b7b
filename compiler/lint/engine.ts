/** Runs lint rules over one text: parse, resolve, one walk for all rules, directives, settings. */
import { parse, type Block, type BlockItem, type LvsFile, type TopItem } from "../../grammar/index.ts";
import { ModelBuilder, type LvsModel } from "../model/resolve.ts";
import { applyDirectives, findDirectives, unusedDirectiveReports } from "./directives.ts";
import { ALL_RULES, UNUSED_DISABLE_RULE } from "./rules/index.ts";
import type { Diagnostic, Report, Rule, SeveritySetting, Visitors } from "./types.ts";

export interface LintOptions {
  /** Per-rule severity by id or alias; "off" disables the rule. */
  readonly settings?: Readonly<Record<string, SeveritySetting>>;
  readonly rules?: readonly Rule[];
}

export interface LintResult {
  readonly file: LvsFile;
  readonly model: LvsModel;
  /** Sorted by position. */
  readonly diagnostics: Diagnostic[];
}

function settingFor(rule: Rule, settings: Readonly<Record<string, SeveritySetting>> | undefined): SeveritySetting | undefined {
  return settings?.[rule.meta.id] ?? settings?.[rule.meta.alias];
}

/** The visitors of all rules, grouped by what they visit so that no-op calls are skipped. */
class Dispatch {
  readonly statement: Array<NonNullable<Visitors["statement"]>> = [];
  readonly block: Array<NonNullable<Visitors["block"]>> = [];
  readonly stray: Array<NonNullable<Visitors["stray"]>> = [];
  constructor(visitors: Visitors[]) {
    for (const v of visitors) {
      if (v.statement) this.statement.push(v.statement.bind(v));
      if (v.block) this.block.push(v.block.bind(v));
      if (v.stray) this.stray.push(v.stray.bind(v));
    }
  }
  walk(items: ReadonlyArray<TopItem | BlockItem>, parent: Block | null): void {
    for (const item of items) {
      if (item.kind === "statement") {
        for (const f of this.statement) f(item, parent);
      } else if (item.kind === "block") {
        for (const f of this.block) f(item, parent);
        this.walk(item.items, item);
      } else {
        for (const f of this.stray) f(item, parent);
      }
    }
  }
}

export function lintFile(file: LvsFile, options: LintOptions = {}): LintResult {
  // The model is built in the same walk as the rules run; it is complete in fileExit.
  const builder = new ModelBuilder();
  const model = builder.model;
  const rules = options.rules ?? ALL_RULES;
  const source = file.source;
  const diagnostics: Diagnostic[] = [];
  const toDiagnostic = (rule: Rule, r: Report, setting: SeveritySetting | undefined): Diagnostic => {
    const start = Math.max(0, Math.min(r.start, source.text.length));
    const end = Math.max(start, Math.min(r.end, source.text.length));
    const s = source.position(start);
    const e = source.position(end);
    return {
      ruleId: rule.meta.id,
      alias: rule.meta.alias,
      severity: setting && setting !== "off" ? setting : (r.severity ?? rule.meta.severity),
      message: r.message,
      start,
      end,
      line: s.line,
      column: s.column,
      endLine: e.line,
      endColumn: e.column,
      ...(r.fix ? { fix: r.fix } : {}),
    };
  };
  const visitors: Visitors[] = [{ statement: (s, p) => builder.statement(s, p), block: (b, p) => builder.block(b, p) }];
  for (const rule of rules) {
    const setting = settingFor(rule, options.settings);
    if (setting === "off") continue;
    visitors.push(rule.create({ file, source, model, report: (r) => diagnostics.push(toDiagnostic(rule, r, setting)) }));
  }
  for (const v of visitors) v.file?.(file);
  for (const c of file.comments) for (const v of visitors) v.comment?.(c);
  new Dispatch(visitors).walk(file.items, null);
  builder.finish();
  for (const v of visitors) v.fileExit?.(file);

  const directives = findDirectives(file);
  const kept = applyDirectives(diagnostics, directives);
  const unusedSetting = settingFor(UNUSED_DISABLE_RULE, options.settings);
  if (unusedSetting !== "off") {
    const known = (name: string): boolean => ALL_RULES.some((r) => r.meta.id === name || r.meta.alias === name);
    for (const r of unusedDirectiveReports(directives, known)) kept.push(toDiagnostic(UNUSED_DISABLE_RULE, r, unusedSetting));
  }
  kept.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  return { file, model, diagnostics: kept };
}

/** Parses and lints `text`. Never throws on any text. */
export function lintText(text: string, options: LintOptions = {}): LintResult {
  return lintFile(parse(text), options);
}
