import type { Rule } from "../types.ts";
import { startedVirtuals } from "../../model/lvsd.ts";
import { at, fieldSpan, openerSpan } from "./support/fields.ts";
import { AnyTopLevel } from "./support/syntax.ts";

export const noActiveVirtual: Rule = {
  meta: {
    id: "LVS2014",
    alias: "no-active-virtual",
    severity: "error",
    description: "No `virtual` block has `active = 1`: pulse refuses to start.",
    fixable: false,
    scope: "document",
  },
  create(ctx) {
    // A file with nothing in it at all is LVS1016's.
    const items = new AnyTopLevel();
    return {
      topLevel: items.visit,
      fileExit() {
        const model = ctx.model;
        if (!items.seen || model.global.service !== "lvs" || startedVirtuals(model).length > 0) return;
        const first = model.virtuals.find((v) => v.block === "virtual");
        if (!first) {
          const failovers = model.virtuals.length > 0 ? " (`failover` blocks do not count: they are ignored with `service = lvs`)" : "";
          ctx.report({
            start: 0,
            end: 0,
            message: `The file defines no \`virtual\` block${failovers}: pulse refuses to start (no active lvs services defined). Add a virtual server with \`active = 1\`.`,
          });
          return;
        }
        const span = fieldSpan(first, "active") ?? openerSpan(first);
        ctx.report(
          at(
            span,
            "No `virtual` block has `active = 1`: pulse refuses to start (no active lvs services defined) and no service is ever balanced. Set `active = 1` in the virtual servers that should run.",
          ),
        );
      },
    };
  },
};
