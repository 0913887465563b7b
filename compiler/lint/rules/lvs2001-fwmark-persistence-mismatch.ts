import type { Rule } from "../types.ts";
import { persistenceOf } from "../../model/lvsd.ts";
import { at, spanFor } from "./support/fields.ts";
import { sharedMarks } from "./support/fwmark.ts";
import { describePersistence, label, lineOf } from "./support/messages.ts";

export const fwmarkPersistenceMismatch: Rule = {
  meta: {
    id: "LVS2001",
    alias: "fwmark-persistence-mismatch",
    severity: "error",
    description: "Virtual servers sharing a firewall mark with different `persistent` or `pmask`; lvsd uses the first one's.",
    fixable: false,
    scope: "document",
  },
  create(ctx) {
    return {
      fileExit() {
        for (const [mark, [first, ...rest]] of sharedMarks(ctx.model)) {
          const want = persistenceOf(first!);
          for (const v of rest) {
            const got = persistenceOf(v);
            const field = got.timeout !== want.timeout ? "persistent" : got.pmask !== want.pmask ? "pmask" : null;
            if (!field) continue;
            ctx.report(
              at(
                spanFor(v, field),
                `${label(v)} shares fwmark ${mark} with ${label(first!)} (line ${lineOf(first!)}) but has ${describePersistence(v)} where that one has ${describePersistence(first!)}: lvsd creates the one \`-f ${mark}\` service from ${label(first!)}, whose persistence setting holds for every port with the mark, this one included. Give every virtual with fwmark ${mark} the same \`persistent\` and \`pmask\`.`,
              ),
            );
          }
        }
      },
    };
  },
};
