import type { Rule } from "../types.ts";
import { convertEscapes } from "../../model/nanny.ts";
import { isLvsVirtual } from "../../model/lvsd.ts";
import { bracketFor, ereFindings } from "../../../lib/posix-ere/findings.ts";
import { ValueOffsets } from "./support/check-values.ts";

export const badRegex: Rule = {
  meta: {
    id: "LVS2025",
    alias: "bad-regex",
    severity: "error",
    description: "`use_regex = 1` with an `expect` that is not a valid POSIX extended regular expression, or that needs a backslash.",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    const offsets = new ValueOffsets(ctx.source.text);
    return {
      virtual(v) {
        if (!isLvsVirtual(v, ctx.model.global)) return;
        // With send_program, nanny compares the output with expect as plain text and never compiles it.
        if (v.use_regex !== 1 || v.expect === null || v.send_program !== null) return;
        const converted = convertEscapes(v.expect);
        // nanny hangs in its escape conversion on these and never compiles the pattern: this
        // rule, not LVS2024, reports them in a regular expression.
        for (const bad of converted.bad) {
          const c = bad.text[1];
          const instead = c === undefined ? "remove the final backslash" : `write ${bracketFor(c)} instead`;
          ctx.report(
            offsets.report(
              v,
              "expect",
              bad.index,
              bad.index + bad.length,
              `\`${bad.text}\` in a regular expression: nanny knows only the escapes \\\\ \\r \\n \\t \\' \\" and loops forever on any other backslash before it compiles the pattern, so the servers are never added. Use a bracket expression: ${instead}.`,
            ),
          );
        }
        // The rest of the pattern, each of those escapes counted as one plain character.
        const raw = v.expect;
        const show = (start: number, end: number): string => raw.slice(converted.from[start] ?? raw.length, converted.to[end - 1] ?? raw.length);
        for (const problem of ereFindings(converted.text, show)) {
          // Back from the converted pattern to the characters written in the file.
          const last = Math.max(problem.start, problem.end - 1);
          const from = converted.from[problem.start] ?? v.expect.length;
          const to = problem.end > problem.start ? (converted.to[last] ?? v.expect.length) : from;
          const effect = problem.rejected ? ": glibc's regcomp rejects the pattern, so nanny fails every check and never adds the servers" : "";
          const message = `${capitalize(problem.message)}${effect}.${problem.advice ? ` ${problem.advice}.` : ""}`;
          ctx.report(offsets.report(v, "expect", from, to, message, problem.severity));
        }
      },
    };
  },
};

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
