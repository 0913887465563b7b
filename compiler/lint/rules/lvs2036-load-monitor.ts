import type { Rule } from "../types.ts";
import { isStarted, WEIGHTED_SCHEDULERS } from "../../model/lvsd.ts";
import { at, fieldSpan } from "./support/fields.ts";
import { label } from "./support/messages.ts";

export const loadMonitor: Rule = {
  meta: {
    id: "LVS2036",
    alias: "load-monitor",
    severity: "warning",
    description: "`load_monitor = ruptime`, whose output nanny cannot read (warning); any load monitor with a weighted scheduler, which then balances on changing weights (info).",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    return {
      virtual(v) {
        if (!isStarted(v, ctx.model.global)) return;
        const rsh = ctx.model.global.rsh_command;
        const monitor = v.load_monitor;
        if (monitor === null || monitor === "none") return;
        const span = fieldSpan(v, "load_monitor");
        if (!span) return;
        if (monitor === "ruptime") {
          ctx.report(
            at(
              span,
              "nanny cannot read the output of `ruptime` (it has no `:` after \"load\"): every reading fails with \"bad load average returned\" and the weights are never adjusted. Use `uptime` (run through `rsh_command`) or `rup`, or `none`.",
            ),
          );
          return;
        }
        if (!WEIGHTED_SCHEDULERS.has(v.scheduler)) return;
        // lvsd passes `rsh_command` for uptime; nanny appends `uptime` to exactly rsh and ssh.
        const program = monitor === "uptime" ? rsh : monitor;
        const command = `\`${program} RIP${program === "rsh" || program === "ssh" ? " uptime" : ""}\``;
        ctx.report(
          at(
            span,
            `With \`load_monitor = ${monitor}\` nanny runs ${command} about every 20 s and moves each server's weight between its \`weight\` and 10 times that as the load changes, so \`${v.scheduler}\` on ${label(v)} balances on those changing weights, not on the ones written here.`,
            { severity: "info" },
          ),
        );
      },
    };
  },
};
