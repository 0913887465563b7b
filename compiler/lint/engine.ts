/**
 * Runs the lint rules and builds the model in one walk over the tree: for a whole parsed file,
 * or for a text parsed and walked a part at a time (so that a large file is never held whole).
 */
import { KEYWORDS, parseChunks, type Block, type BlockItem, type Comment, type LvsFile, type SourceText, type Statement, type Stray, type TopItem } from "../../grammar/index.ts";
import { ModelBuilder, type LvsModel, type ModelVirtual } from "../model/resolve.ts";
import { applyDirectives, DirectiveTracker, unusedDirectiveReports, type Directive } from "./directives.ts";
import { ALL_RULES, findRule, UNUSED_DISABLE_RULE } from "./rules/index.ts";
import type { Diagnostic, FileFacts, Report, Rule, SeveritySetting, Visitors } from "./types.ts";

export interface LintOptions {
  /** Per-rule severity by id or alias; "off" disables the rule. */
  readonly settings?: Readonly<Record<string, SeveritySetting>>;
  readonly rules?: readonly Rule[];
  /** Findings no disable comment silences (a comment that names one still counts as used). */
  readonly unsilenced?: (d: Diagnostic) => boolean;
}

export interface LintResult {
  readonly model: LvsModel;
  /** Sorted by position. */
  readonly diagnostics: Diagnostic[];
}

/** For a run that lints part of a document (the language server's incremental lint). */
export interface RunOptions extends LintOptions {
  /** The model the rules read; the run then builds none from the nodes it visits. */
  readonly model?: LvsModel;
}

function settingFor(rule: Rule, settings: Readonly<Record<string, SeveritySetting>> | undefined): SeveritySetting | undefined {
  return settings?.[rule.meta.id] ?? settings?.[rule.meta.alias];
}

function toDiagnostic(source: SourceText, rule: Rule, r: Report, setting: SeveritySetting | undefined): Diagnostic {
  const length = source.text.length;
  const start = Math.max(0, Math.min(r.start, length));
  const end = Math.max(start, Math.min(r.end, length));
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
    refused: (r.parser ?? rule.meta.parser) === "refuses",
    unscriptable: (r.scripts ?? rule.meta.scripts) === "refuses",
  };
}

/**
 * The last step of every lint: drops what disable comments silence, reports the disable
 * comments that silence nothing (LVS1020), and sorts by position.
 */
export function settleFindings(findings: Diagnostic[], directives: readonly Directive[], source: SourceText, options: LintOptions): Diagnostic[] {
  const kept = applyDirectives(findings, directives, options.unsilenced);
  const unusedSetting = settingFor(UNUSED_DISABLE_RULE, options.settings);
  if (unusedSetting !== "off") {
    for (const r of unusedDirectiveReports(directives, (name) => findRule(name) !== undefined))
      kept.push(toDiagnostic(source, UNUSED_DISABLE_RULE, r, unusedSetting));
  }
  kept.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  return kept;
}

type Visit<N> = (node: N, parent: Block | null) => void;

/** One function that calls each of `fns` in turn (just the one when there is one). */
function callEach<A extends unknown[]>(fns: ReadonlyArray<(...args: A) => void>): (...args: A) => void {
  if (fns.length === 1) return fns[0]!;
  return (...args: A): void => {
    for (let i = 0; i < fns.length; i++) fns[i]!(...args);
  };
}

/**
 * One lint of one text: feed it the items in file order, then finish. The language server
 * also drives runs over parts of a document (`visitTopLevel`, `findings`).
 */
export class LintRun {
  private readonly builder: ModelBuilder | null;
  private readonly model: LvsModel;
  private readonly diagnostics: Diagnostic[] = [];
  private readonly directives: DirectiveTracker;
  private readonly visitors: Visitors[] = [];
  private readonly onStatement: Visit<Statement>;
  private readonly onUnusualStatement: Visit<Statement>;
  /** Per keyword id: the visitors of statements of that keyword's name, after those of every statement; null for none. */
  private readonly onKeyword: Array<Visit<Statement> | null>;
  private readonly onTopLevel: (item: TopItem) => void;
  private readonly onBlock: Visit<Block>;
  private readonly onStray: Visit<Stray>;
  private readonly onComment: (comment: Comment) => void;
  private readonly onVirtual: (v: ModelVirtual) => void;

  constructor(
    private readonly source: SourceText,
    private readonly options: RunOptions,
  ) {
    this.directives = new DirectiveTracker(source.text.length);
    if (options.model) {
      this.builder = null;
      this.model = options.model;
    } else {
      const builder = (this.builder = new ModelBuilder());
      this.model = builder.model;
      this.visitors.push({ statement: (s, p) => builder.statement(s, p), block: (b, p) => builder.block(b, p) });
    }
    const model = this.model;
    for (const rule of options.rules ?? ALL_RULES) {
      const setting = settingFor(rule, options.settings);
      if (setting === "off") continue;
      this.visitors.push(rule.create({ source, model, report: (r) => this.diagnostics.push(toDiagnostic(source, rule, r, setting)) }));
    }
    const visitors = this.visitors;
    const bound = <K extends "statement" | "unusualStatement" | "topLevel" | "block" | "stray" | "comment" | "virtual">(key: K): Array<NonNullable<Visitors[K]>> =>
      visitors.flatMap((v) => (v[key] ? [Function.prototype.bind.call(v[key], v) as NonNullable<Visitors[K]>] : []));
    this.onStatement = callEach(bound("statement"));
    this.onUnusualStatement = callEach(bound("unusualStatement"));
    this.onTopLevel = callEach(bound("topLevel"));
    this.onBlock = callEach(bound("block"));
    this.onStray = callEach(bound("stray"));
    this.onComment = callEach(bound("comment"));
    this.onVirtual = callEach(bound("virtual"));
    const byKeyword = new Map<string, Array<Visit<Statement>>>();
    for (const v of visitors) {
      for (const [name, f] of Object.entries(v.keywords ?? {})) {
        let list = byKeyword.get(name);
        if (!list) byKeyword.set(name, (list = []));
        list.push(f.bind(v));
      }
    }
    const byName = new Map([...byKeyword].map(([name, list]) => [name, callEach(list)]));
    this.onKeyword = KEYWORDS.map((k) => byName.get(k.name) ?? null);
    for (const v of this.visitors) v.start?.();
  }

  /** The next items of the file, with the comments among them. */
  add(items: ReadonlyArray<TopItem | BlockItem>, comments: readonly Comment[]): void {
    this.directives.comments(comments);
    for (const c of comments) this.onComment(c);
    this.walk(items, null);
  }

  /**
   * Node by node, every visitor in turn: the visitors of one statement run back to back, so
   * that the value the model builder read is still memoised when the rules ask for it.
   */
  private walk(items: ReadonlyArray<TopItem | BlockItem>, parent: Block | null): void {
    for (const item of items) {
      this.directives.target(item);
      if (parent === null) this.onTopLevel(item as TopItem);
      if (item.kind === "statement") {
        this.visitStatement(item, parent);
      } else if (item.kind === "block") {
        this.onBlock(item, parent);
        this.walk(item.items, item);
        if (item.close) this.directives.target(item.close);
      } else {
        this.onStray(item, parent);
      }
    }
  }

  /** Every statement's visitors, then those of unusual statements, then those of the statement's keyword, back to back. */
  private visitStatement(stmt: Statement, parent: Block | null): void {
    this.onStatement(stmt, parent);
    if (!stmt.plain) this.onUnusualStatement(stmt, parent);
    const kw = stmt.keyword;
    if (kw === null) return;
    const more = this.onKeyword[kw.id];
    if (more) more(stmt, parent);
  }

  /** Visits top-level items, without walking into blocks or placing disable comments. */
  visitTopLevel(items: readonly TopItem[]): void {
    for (const item of items) {
      this.onTopLevel(item);
      if (item.kind === "statement") this.visitStatement(item, null);
      else if (item.kind === "block") this.onBlock(item, null);
      else this.onStray(item, null);
    }
  }

  /** Ends the walk: every finding, in report order, before disable comments apply. */
  findings(facts: FileFacts): { model: LvsModel; findings: Diagnostic[] } {
    this.builder?.finish();
    for (const v of this.model.virtuals) this.onVirtual(v);
    for (const v of this.visitors) v.fileExit?.(facts);
    return { model: this.model, findings: this.diagnostics };
  }

  finish(facts: FileFacts): LintResult {
    const { model, findings } = this.findings(facts);
    return { model, diagnostics: settleFindings(findings, this.directives.finish(), this.source, this.options) };
  }
}

/** Lints a parsed file. */
export function lintFile(file: LvsFile, options: LintOptions = {}): LintResult & { readonly file: LvsFile } {
  const run = new LintRun(file.source, options);
  run.add(file.items, file.comments);
  return { ...run.finish({ oddBlanks: file.oddBlanks }), file };
}

/**
 * Parses and lints `text` a part at a time, never holding its whole syntax tree (use
 * `lintFile(parse(text))` to keep it). Never throws on any text.
 */
export function lintText(text: string, options: LintOptions = {}): LintResult {
  let run: LintRun | null = null;
  const facts = parseChunks(text, (chunk) => {
    run ??= new LintRun(chunk.source, options);
    run.add(chunk.items, chunk.comments);
  });
  return (run ?? new LintRun(facts.source, options)).finish(facts);
}
