import { isOddBlank } from "../../../grammar/index.ts";
import type { Rule } from "../types.ts";
import { isLvsVirtual } from "../../model/lvsd.ts";
import { ValueOffsets } from "./support/check-values.ts";
import { label } from "./support/messages.ts";

export const sendProgramHost: Rule = {
  meta: {
    id: "LVS2023",
    alias: "send-program-host",
    severity: "warning",
    description: "A `send_program` without a whole-word `%h`: every real server runs the same check.",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    const offsets = new ValueOffsets(ctx.source.text);
    return {
      virtual(v) {
        if (!isLvsVirtual(v, ctx.model.global)) return;
        const program = v.send_program;
        if (program === null) return;
        // nanny splits the command on single spaces (strtok) and replaces only a word that is exactly %h.
        const words: Array<{ text: string; at: number }> = [];
        for (const m of program.matchAll(/[^ ]+/g)) words.push({ text: m[0], at: m.index });
        if (words.some((w) => w.text === "%h")) return;
        const glued = words.find((w) => w.text.includes("%h"));
        if (glued) {
          const oddBlank = [...glued.text].some((c) => c === "\t" || isOddBlank(c.charCodeAt(0)));
          const shown = oddBlank ? "This word" : `\`${glued.text}\``;
          const why = oddBlank
            ? "nanny splits the command on spaces only, and the blanks around `%h` here are not plain spaces, so `%h` is not replaced and"
            : "nanny replaces `%h` only when it is a word of its own, so";
          const fix = oddBlank ? "Separate the words with plain spaces." : "Pass the address as a separate word (`%h`) and build the option in the script.";
          ctx.report(
            offsets.report(
              v,
              "send_program",
              glued.at,
              glued.at + glued.text.length,
              `${shown} is passed as it is: ${why} every real server of ${label(v)} is checked the same way. ${fix}`,
            ),
          );
        } else {
          ctx.report(
            offsets.report(
              v,
              "send_program",
              0,
              program.length,
              `This \`send_program\` has no \`%h\` word: nanny runs the same command for every real server of ${label(v)}, so they all pass or fail together. Add \`%h\` (the server's address, and \`%p\` its port) as separate words.`,
            ),
          );
        }
      },
    };
  },
};
