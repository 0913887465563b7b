import type { Report, Rule } from "../types.ts";
import { isStarted } from "../../model/lvsd.ts";
import { at, fieldSpan, isSet, openerSpan } from "./support/fields.ts";
import { label } from "./support/messages.ts";
import { isPort } from "./support/networks.ts";

/** Whether a script can still take the port: one ipvsadm's address syntax holds, 0 included. */
const scripted = (port: number): Partial<Report> => (port >= 0 && port <= 65535 ? { scripts: "reads" } : {});

export const portRange: Rule = {
  meta: {
    id: "LVS2032",
    alias: "port-range",
    severity: "error",
    description: "A virtual server, real server or heartbeat port that is 0, negative or above 65535.",
    fixable: false,
    scripts: "refuses",
    scope: "segment",
  },
  create(ctx) {
    return {
      virtual(v) {
        if (!isStarted(v, ctx.model.global)) return;
        // ipvsadm takes the port into the service address unless there is a firewall mark;
        // port 0 there means "every port" for a persistent service.
        const inService = v.fwmark === 0 && !(v.port === 0 && v.persistent > 0);
        const vportBad =
          !isPort(v.port) && isSet(v, "port") && (inService || v.servers.some((s) => s.active === 1 && !isSet(s, "port") && s.port === v.port));
        if (vportBad) {
          ctx.report(
            at(
              fieldSpan(v, "port")!,
              `Port ${v.port} is not a TCP or UDP port (1 to 65535): ${
                inService
                  ? `ipvsadm refuses the service address ${v.address}:${v.port}, so lvsd cannot create ${label(v)}`
                  : "the real servers that inherit it are checked and added on a port that does not exist"
              }. Use a port from 1 to 65535.`,
              scripted(v.port),
            ),
          );
        }
        for (const s of v.servers) {
          if (s.active !== 1 || isPort(s.port)) continue;
          const own = fieldSpan(s, "port");
          if (!own && vportBad && s.port === v.port) continue;
          if (own && s.port === -1) {
            // nanny's `-r -1` means "the virtual's port": it works, but only by accident.
            ctx.report(
              at(
                own,
                "`port = -1` is not a port: nanny happens to read -1 as \"use the virtual's port\", which is what leaving the line out does. Remove it, or give a port from 1 to 65535.",
                { severity: "warning", scripts: "reads" },
              ),
            );
            continue;
          }
          const effect = `nanny checks ${label(s)} on it and asks ipvsadm to forward to it, which cannot work. Give it a port from 1 to 65535.`;
          ctx.report(
            at(
              own ?? openerSpan(s),
              own
                ? `Port ${s.port} is not a TCP or UDP port (1 to 65535): ${effect}`
                : `${label(s)} inherits port ${s.port} from the virtual's \`port\` line above it, which is not a TCP or UDP port (1 to 65535): ${effect}`,
              scripted(s.port),
            ),
          );
        }
      },
      fileExit() {
        const g = ctx.model.global;
        const hb = fieldSpan(g, "heartbeat_port");
        if (hb && !isPort(g.heartbeat_port)) {
          ctx.report(
            at(
              hb,
              `\`heartbeat_port = ${g.heartbeat_port}\` is not a UDP port (1 to 65535): pulse binds and sends its heartbeats on ${g.heartbeat_port === 0 ? "a port the kernel picks at random" : "the low 16 bits of that number"}, so the routers may not hear each other. Use a port from 1 to 65535 (the default is 539).`,
              { scripts: "reads" },
            ),
          );
        }
      },
    };
  },
};
