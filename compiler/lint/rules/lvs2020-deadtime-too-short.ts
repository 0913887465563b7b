import type { Rule } from "../types.ts";
import { at, fieldSpan } from "./support/fields.ts";

export const deadtimeTooShort: Rule = {
  meta: {
    id: "LVS2020",
    alias: "deadtime-too-short",
    severity: "error",
    description: "`deadtime` not above `keepalive` (error) or below twice it (warning): the backup takes over from a healthy primary.",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    return {
      fileExit() {
        const g = ctx.model.global;
        // Heartbeats are sent only with a backup router (pulse clears backup_active when backup is 0.0.0.0).
        if (g.backup_active !== 1 || g.backup === "0.0.0.0") return;
        const { keepalive, deadtime } = g;
        // keepalive ≤ 0 is a different mistake; deadtime is compared with a real interval only.
        if (keepalive <= 0 || deadtime >= 2 * keepalive) return;
        const span = fieldSpan(g, "deadtime") ?? fieldSpan(g, "keepalive");
        if (!span) return;
        const suggestion = `Make deadtime at least ${2 * keepalive} (the GUI suggests ${3 * keepalive}, three heartbeats).`;
        if (deadtime <= keepalive) {
          ctx.report(
            at(
              span,
              `\`deadtime = ${deadtime}\` is not longer than \`keepalive = ${keepalive}\`: the partner is declared dead between two heartbeats, so the backup takes over from a healthy primary again and again. ${suggestion}`,
            ),
          );
        } else {
          ctx.report(
            at(
              span,
              `\`deadtime = ${deadtime}\` is less than twice \`keepalive = ${keepalive}\`: one lost or late heartbeat makes the backup take over from a healthy primary. ${suggestion}`,
              { severity: "warning" },
            ),
          );
        }
      },
    };
  },
};
