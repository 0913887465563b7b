import type { Rule } from "../types.ts";
import { at, openerSpan } from "./support/fields.ts";
import { label } from "./support/messages.ts";

export const blockKindIgnored: Rule = {
  meta: {
    id: "LVS2037",
    alias: "block-kind-ignored",
    severity: "warning",
    description: "An active `failover` block with `service = lvs`, or an active `virtual` block with `service = fos`: the daemon that runs drops it.",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    return {
      virtual(v) {
        const service = ctx.model.global.service;
        const ignored = service === "lvs" ? "failover" : "virtual";
        if (v.block !== ignored || v.active !== 1) return;
        ctx.report(
          at(
            openerSpan(v),
            service === "lvs"
              ? `${label(v)} is ignored: with \`service = lvs\` pulse runs lvsd, which drops every \`failover\` block, so this service is never started or watched. Remove it, or run failover services with \`service = fos\` (which ignores the \`virtual\` blocks instead).`
              : `${label(v)} is ignored: with \`service = fos\` pulse runs fos, which drops every \`virtual\` block. Set \`service = lvs\` to run virtual servers, or remove it.`,
          ),
        );
      },
    };
  },
};
