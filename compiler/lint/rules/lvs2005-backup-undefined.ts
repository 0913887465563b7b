import type { Rule } from "../types.ts";
import { at, isSet, spanFor } from "./support/fields.ts";
import { writtenGlobals } from "./support/syntax.ts";

export const backupUndefined: Rule = {
  meta: {
    id: "LVS2005",
    alias: "backup-undefined",
    severity: "error",
    description: "`backup_active = 1` without a backup address (error), a backup address with `backup_active = 0` (info), `monitor_links` without a backup (warning).",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    const written = writtenGlobals();
    return {
      topLevel: written.topLevel,
      fileExit() {
        const g = ctx.model.global;
        const hasBackup = g.backup !== "0.0.0.0";
        if (g.backup_active === 1 && !hasBackup && (isSet(g, "backup") || !written.has("backup"))) {
          ctx.report(
            at(
              spanFor(g, isSet(g, "backup") ? "backup" : "backup_active"),
              `\`backup_active = 1\` but ${isSet(g, "backup") ? "`backup` is 0.0.0.0" : "`backup` is not set"}: pulse switches backup_active off at start, so no heartbeat is sent and no router takes over when this one fails. Set \`backup\` to the backup router's address.`,
            ),
          );
        }
        if (g.backup_active !== 1 && hasBackup && isSet(g, "backup") && (isSet(g, "backup_active") || !written.has("backup_active"))) {
          ctx.report(
            at(
              spanFor(g, "backup"),
              `A backup router (${g.backup}) is given but \`backup_active\` is ${isSet(g, "backup_active") ? "0" : "not set (0)"}: pulse sends no heartbeat and exits on the backup router, so nothing fails over. Set \`backup_active = 1\` for failover.`,
              { severity: "info" },
            ),
          );
        }
        if (g.monitor_links !== 0 && g.backup_active !== 1 && (isSet(g, "backup_active") || !written.has("backup_active"))) {
          ctx.report(
            at(
              spanFor(g, "monitor_links"),
              "`monitor_links` has no effect without `backup_active = 1`: pulse watches the links only when a backup router takes part. Set `backup_active = 1` with a `backup`, or remove this line.",
              { severity: "warning" },
            ),
          );
        }
      },
    };
  },
};
