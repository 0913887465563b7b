import type { Rule } from "../types.ts";
import { activeServers, isStarted } from "../../model/lvsd.ts";
import { at, fieldSpan } from "./support/fields.ts";
import { label } from "./support/messages.ts";

export const sorryServer: Rule = {
  meta: {
    id: "LVS2033",
    alias: "sorry-server",
    severity: "warning",
    description: "A `sorry_server` that is one of the virtual server's own real servers, or on a virtual server without active real servers, where lvsd never brings it in.",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    return {
      virtual(v) {
        if (!isStarted(v, ctx.model.global)) return;
        if (v.sorry_server === "0.0.0.0") return;
        const span = fieldSpan(v, "sorry_server");
        if (!span) return;
        const servers = activeServers(v);
        if (servers.length === 0) {
          ctx.report(
            at(
              span,
              `The sorry server ${v.sorry_server} is never used: lvsd adds it only when the last active real server of ${label(v)} fails, and this virtual server has none. Activate its real servers, or remove \`sorry_server\`.`,
            ),
          );
          return;
        }
        const same = servers.find((s) => s.address === v.sorry_server);
        if (same) {
          ctx.report(
            at(
              span,
              `The sorry server ${v.sorry_server} is ${label(same)} of this virtual server: lvsd brings it in only once every real server, this one included, has failed its check. Point \`sorry_server\` at a machine that is not one of the real servers.`,
            ),
          );
        }
      },
    };
  },
};
