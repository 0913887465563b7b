import { KEYWORDS } from "../../../grammar/index.ts";
import type { Rule } from "../types.ts";
import { exactKeyword, forKeywords } from "./support/syntax.ts";

const IGNORED = KEYWORDS.filter((k) => k.ignored).map((k) => k.name);

export const ignoredKeyword: Rule = {
  meta: {
    id: "LVS1018",
    alias: "ignored-keyword",
    severity: "info",
    description: "A keyword Piranha parses but no daemon acts on (`heartbeat`, `debug_level`, `sync`, `master`, `dirs`).",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    return {
      keywords: forKeywords(IGNORED, (stmt) => {
        const kw = exactKeyword(stmt);
        // serial_no is unused as well, but the configuration tool keeps it as the file's revision.
        if (!kw || !kw.ignored || kw.name === "serial_no") return;
        ctx.report({ start: stmt.key!.start, end: stmt.key!.end, message: `\`${kw.name}\` has no effect: no daemon reads it. ${kw.doc}` });
      }),
    };
  },
};
