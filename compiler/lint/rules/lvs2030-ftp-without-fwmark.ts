import type { Rule } from "../types.ts";
import { isStarted } from "../../model/lvsd.ts";
import { at, spanFor } from "./support/fields.ts";
import { label } from "./support/messages.ts";

export const ftpWithoutFwmark: Rule = {
  meta: {
    id: "LVS2030",
    alias: "ftp-without-fwmark",
    severity: "warning",
    description: "An FTP service (TCP port 21) with neither a firewall mark nor persistence: passive data connections are not sent to the server that holds the control connection.",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    return {
      virtual(v) {
        if (!isStarted(v, ctx.model.global)) return;
        if (v.port !== 21 || v.protocol !== "tcp" || v.fwmark !== 0 || v.persistent > 0) return;
        ctx.report(
          at(
            spanFor(v, "port"),
            `${label(v)} balances FTP on port 21 only: each passive data connection goes to another port of the VIP, which this service does not forward to the server holding the control connection, so listings and transfers fail. Mark port 21 and the passive port range with one \`fwmark\` and set \`persistent\`.`,
          ),
        );
      },
    };
  },
};
