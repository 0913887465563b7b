import type { Block, Comment, SourceText, Statement, Stray, TopItem } from "../../grammar/index.ts";
import type { LvsModel, ModelServer, ModelVirtual } from "../model/resolve.ts";

export type Severity = "error" | "warning" | "info";
export type SeveritySetting = Severity | "off";

/** Replace the text between two offsets. */
export interface Fix {
  readonly range: readonly [number, number];
  readonly text: string;
}

export interface RuleMeta {
  /** Stable code, e.g. LVS1003. */
  readonly id: string;
  /** Stable kebab-case name, e.g. inline-comment. */
  readonly alias: string;
  readonly severity: Severity;
  /** One line: what the rule finds. */
  readonly description: string;
  readonly fixable: boolean;
  /**
   * "refuses" when Piranha's parser refuses a file with this finding: pulse and lvsd do not
   * start, and lvsd keeps its old configuration on SIGHUP. Without it Piranha reads the file,
   * perhaps not as written. A report may say otherwise for one finding.
   */
  readonly parser?: "refuses" | "reads";
  /**
   * "refuses" when a finding is a value no generated script can take (a host name where a
   * script needs an address; a port, weight or interface name outside what ipvsadm and Linux
   * accept): lvs-compile reports such a finding whatever `.lvs-lint.json` or a disable comment
   * says. A report may say otherwise for one finding.
   */
  readonly scripts?: "refuses" | "reads";
  /**
   * How far the rule looks, for the language server's lint of a document a segment at a time:
   *
   * "segment": its findings inside a segment are those it reports when that segment is linted
   * right after the first segment (which holds the global section), as long as every top-level
   * statement stands in the first segment and only the last segment leaves a block open. Rules
   * about single lines and blocks, and rules that judge one virtual server at a time against the
   * global section, are of this kind.
   *
   * "document": it compares virtual servers with each other, counts the top-level items, or
   * reads the whole text; it runs on the whole document's model at every change, seeing the
   * top-level items only through `topLevel`, and there only those of the first two segments:
   * every top-level statement stands in the first, and every later segment opens with a block.
   *
   * test/compiler/lsp holds every rule's scope against a full lint.
   */
  readonly scope: "segment" | "document";
  /**
   * For a document-scoped rule that takes long on large files: the fields of virtual and real
   * servers it reads, as values or as whether the file sets them. It then keeps its previous
   * findings (moved with the text) after edits that change none of these fields, add or remove
   * no block or real server, leave the global section as it was, touch none of its findings,
   * and move no line while it has findings (their messages may name lines). test/compiler/lsp
   * checks each list by changing every other field.
   */
  readonly reads?: { readonly virtual: readonly (keyof ModelVirtual)[]; readonly server: readonly (keyof ModelServer)[] };
}

export interface Report {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly fix?: Fix;
  /** Overrides the rule's default severity for this finding (a config setting still wins). */
  readonly severity?: Severity;
  /** Overrides the rule's `parser` for this finding. */
  readonly parser?: "refuses" | "reads";
  /** Overrides the rule's `scripts` for this finding. */
  readonly scripts?: "refuses" | "reads";
}

export interface Diagnostic {
  readonly ruleId: string;
  readonly alias: string;
  readonly severity: Severity;
  readonly message: string;
  /** Offsets, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly fix?: Fix;
  /** Piranha's parser refuses the file for this finding (see `RuleMeta.parser`). */
  readonly refused: boolean;
  /** No generated script can take the value reported (see `RuleMeta.scripts`). */
  readonly unscriptable: boolean;
}

export interface RuleContext {
  readonly source: SourceText;
  /** The resolved configuration: filled in during the walk, complete in `fileExit`. */
  readonly model: LvsModel;
  report(report: Report): void;
}

/** What is known of the whole file once every node has been visited. */
export interface FileFacts {
  /** Runs of blanks Piranha does not know (U+00A0 …), as [start, end) offsets. */
  readonly oddBlanks: ReadonlyArray<readonly [number, number]>;
}

/**
 * Called while the engine walks the tree once for all rules, in file order, a block before its
 * contents. A large file is walked a part at a time and its parts are dropped as it goes, so a
 * rule sees nodes only through these calls and keeps what it needs itself.
 */
export interface Visitors {
  /** Before the first node. */
  start?(): void;
  statement?(stmt: Statement, parent: Block | null): void;
  /**
   * Statements that are not plain `keyword = value` lines (`Statement.plain`): a rule that
   * finds only what a plain line cannot have is not called for the plain ones, most of a file.
   */
  unusualStatement?(stmt: Statement, parent: Block | null): void;
  /**
   * Statements of these keywords only (by name, any letter case, at any level): a rule about
   * a few keywords says which, and is not called for the others.
   */
  keywords?: Readonly<Record<string, (stmt: Statement, parent: Block | null) => void>>;
  /** Top-level items only (statements, blocks and stray lines), before their own visitors. */
  topLevel?(item: TopItem): void;
  block?(block: Block, parent: Block | null): void;
  stray?(stray: Stray, parent: Block | null): void;
  comment?(comment: Comment): void;
  /**
   * After the walk, with the model complete: each virtual (and failover) server of the model,
   * in file order. The engine makes this one pass for every rule that judges the virtual
   * servers one by one; `fileExit` then has what needs the whole file.
   */
  virtual?(v: ModelVirtual): void;
  /** After every node has been visited, and every virtual server. */
  fileExit?(facts: FileFacts): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  create(context: RuleContext): Visitors;
}
