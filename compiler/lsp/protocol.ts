/**
 * The Language Server Protocol types the providers return, declared here (as the protocol
 * defines them) so that compiler/ does not depend on the protocol library; the server passes
 * them on unchanged.
 */

export interface Position {
  /** 0-based. */
  readonly line: number;
  /** 0-based, in UTF-16 code units. */
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export const DiagnosticSeverity = { Error: 1, Warning: 2, Information: 3, Hint: 4 } as const;
export type DiagnosticSeverity = (typeof DiagnosticSeverity)[keyof typeof DiagnosticSeverity];

export interface LspDiagnostic {
  readonly range: Range;
  readonly severity: DiagnosticSeverity;
  readonly code: string;
  readonly codeDescription: { readonly href: string };
  readonly source: string;
  readonly message: string;
}

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

export interface Hover {
  readonly contents: { readonly kind: "markdown" | "plaintext"; readonly value: string };
  readonly range?: Range;
}

export const CompletionItemKind = { Value: 12, Keyword: 14, EnumMember: 20, Constant: 21 } as const;
export type CompletionItemKind = (typeof CompletionItemKind)[keyof typeof CompletionItemKind];

export interface CompletionItem {
  readonly label: string;
  readonly kind: CompletionItemKind;
  readonly detail?: string;
  readonly documentation?: { readonly kind: "markdown" | "plaintext"; readonly value: string };
  /** The edit that inserts the item, replacing the word typed so far. */
  readonly textEdit?: TextEdit;
  readonly sortText?: string;
}

export const SymbolKind = { Class: 5, Property: 7, Struct: 23 } as const;
export type SymbolKind = (typeof SymbolKind)[keyof typeof SymbolKind];

export interface DocumentSymbol {
  readonly name: string;
  readonly detail?: string;
  readonly kind: SymbolKind;
  readonly range: Range;
  readonly selectionRange: Range;
  readonly children?: DocumentSymbol[];
}

export interface FoldingRange {
  readonly startLine: number;
  readonly endLine: number;
  readonly kind?: "comment" | "region";
}

export const CodeActionKind = { QuickFix: "quickfix", SourceFixAll: "source.fixAll" } as const;

export interface WorkspaceEdit {
  readonly changes: { readonly [uri: string]: TextEdit[] };
}

export interface CodeAction {
  readonly title: string;
  readonly kind: string;
  readonly diagnostics?: LspDiagnostic[];
  readonly isPreferred?: boolean;
  readonly edit: WorkspaceEdit;
}
