import type { Rule } from "../types.ts";
import { isStarted } from "../../model/lvsd.ts";
import { at, spanFor } from "./support/fields.ts";
import { label } from "./support/messages.ts";

export const quiesceNeedsTemplateExpiry: Rule = {
  meta: {
    id: "LVS2039",
    alias: "quiesce-needs-template-expiry",
    severity: "info",
    description: "`quiesce_server = 1` with persistence: persistent clients stay on a weight-0 server unless `net.ipv4.vs.expire_quiescent_template = 1`.",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    return {
      virtual(v) {
        if (!isStarted(v, ctx.model.global)) return;
        if (v.quiesce_server !== 1 || v.persistent <= 0) return;
        ctx.report(
          at(
            spanFor(v, "quiesce_server"),
            `With \`quiesce_server = 1\` a failed server of ${label(v)} stays in the table at weight 0, and its persistence templates keep sending returning clients to it until they stay away for ${v.persistent} s, unless the director sets \`net.ipv4.vs.expire_quiescent_template = 1\` (the lvs-compile bundle does).`,
          ),
        );
      },
    };
  },
};
