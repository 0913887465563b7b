/** Diagnostics: the lint findings of a document, every rule, as the editor shows them. */
import type { LvsDocument } from "./document.ts";
import { toLspDiagnostic } from "./lsp-diagnostic.ts";
import type { LspDiagnostic } from "./protocol.ts";

/** The diagnostics of a document, in text order. */
export function diagnostics(doc: LvsDocument): LspDiagnostic[] {
  return doc.diagnostics().map((d) => toLspDiagnostic(doc.lines, d));
}
