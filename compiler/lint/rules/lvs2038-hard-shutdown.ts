import type { Rule } from "../types.ts";
import { hasActiveServer, startedVirtuals } from "../../model/lvsd.ts";
import { at, fieldSpan, openerSpan } from "./support/fields.ts";

export const hardShutdown: Rule = {
  meta: {
    id: "LVS2038",
    alias: "hard-shutdown",
    severity: "info",
    description: "`hard_shutdown = 1` (the default): one health-check process that dies stops every virtual server.",
    fixable: false,
    scope: "document",
  },
  create(ctx) {
    return {
      fileExit() {
        const g = ctx.model.global;
        if (g.hard_shutdown !== 1) return;
        const running = startedVirtuals(ctx.model);
        if (!running.some(hasActiveServer)) return;
        const set = fieldSpan(g, "hard_shutdown");
        ctx.report(
          at(
            set ?? openerSpan(running[0]!),
            `${set ? "With `hard_shutdown = 1`" : "With `hard_shutdown` left at its default of 1"}, lvsd stops every virtual server as soon as one nanny exits, which any failed ipvsadm call in any check causes; the backup router then takes over, or without one the service is gone. Set \`hard_shutdown = 0\` to keep the other services running and handle a dead check by hand.`,
          ),
        );
      },
    };
  },
};
