/**
 * How far each lint rule looks, for linting a document a segment at a time (segments.ts).
 *
 * "segment": the rule's findings inside a segment are those it reports when that segment is
 * linted right after the first segment (which holds the global section), as long as every
 * top-level statement stands in the first segment and only the last segment leaves a block
 * open. Rules about single lines and blocks, and the rules that judge one virtual server
 * at a time against the global section, are of this kind.
 *
 * "document": the rule compares virtual servers with each other, counts the top-level items,
 * or reads the whole text; it runs on the whole document's model at every change, seeing the
 * top-level items only through `visitTopLevel`.
 *
 * A rule missing here is linted with the whole text at every change. test/compiler/lsp
 * checks every entry against a full lint.
 */
export type RuleScope = "segment" | "document";

export const RULE_SCOPES: Readonly<Record<string, RuleScope>> = {
  LVS1001: "segment",
  LVS1002: "segment",
  LVS1003: "segment",
  LVS1004: "document",
  LVS1005: "segment",
  LVS1006: "segment",
  LVS1007: "segment",
  LVS1008: "segment",
  LVS1009: "segment",
  LVS1010: "segment",
  LVS1011: "segment",
  LVS1012: "segment",
  LVS1013: "segment",
  LVS1014: "segment",
  LVS1015: "segment",
  LVS1016: "document",
  LVS1017: "segment",
  LVS1018: "segment",
  LVS1019: "document",
  // LVS1020 is the engine's own: the disable comments are placed over the whole document.
  LVS1020: "segment",
  LVS2001: "document",
  LVS2002: "document",
  LVS2003: "document",
  LVS2004: "document",
  LVS2005: "segment",
  LVS2006: "document",
  LVS2007: "document",
  LVS2008: "document",
  LVS2009: "segment",
  LVS2010: "segment",
  LVS2011: "segment",
  LVS2012: "segment",
  LVS2013: "segment",
  LVS2014: "document",
  LVS2015: "document",
  LVS2016: "segment",
  LVS2017: "segment",
  LVS2018: "segment",
  LVS2019: "segment",
  LVS2020: "segment",
  LVS2021: "segment",
  LVS2022: "segment",
  LVS2023: "segment",
  LVS2024: "segment",
  LVS2025: "segment",
  LVS2026: "segment",
  LVS2027: "segment",
  LVS2028: "segment",
  LVS2029: "segment",
  LVS2030: "segment",
  LVS2031: "segment",
  LVS2032: "segment",
  LVS2033: "segment",
  LVS2034: "document",
  LVS2035: "segment",
  LVS2036: "segment",
  LVS2037: "segment",
  LVS2038: "document",
  LVS2039: "segment",
  LVS2040: "document",
};

/**
 * For the document-scoped rules that take long on large files: the fields of virtual and real
 * servers they read, as values or as whether the file sets them. Such a rule keeps its
 * previous findings (moved with the text) after edits that change none of these fields, add or
 * remove no block or real server, leave the global section as it was, touch none of its
 * findings, and move no line while it has findings (their messages may name lines).
 * test/compiler/lsp checks each list by changing every other field.
 */
export const DOCUMENT_RULE_INPUTS: Readonly<Record<string, { readonly virtual: readonly string[]; readonly server: readonly string[] }>> = {
  LVS2002: { virtual: ["block", "active", "fwmark", "persistent", "port", "name"], server: [] },
  LVS2004: { virtual: ["block", "active", "address", "vip_nmask", "name"], server: [] },
  LVS2006: { virtual: ["block", "active", "address", "device", "name"], server: [] },
  LVS2007: { virtual: ["block", "active", "address", "device"], server: [] },
  LVS2008: { virtual: ["block", "active", "fwmark", "address", "port", "protocol", "name"], server: [] },
  LVS2015: { virtual: ["block", "active", "fwmark", "name"], server: ["active"] },
  LVS2034: { virtual: ["block", "active", "address", "name"], server: ["active", "address", "name"] },
  LVS2040: { virtual: ["block", "active", "address", "device"], server: [] },
};
