import type { Rule } from "../types.ts";
import { startedVirtuals } from "../../model/lvsd.ts";
import { at, isSet, spanFor } from "./support/fields.ts";
import { fwmarkGroups } from "./support/fwmark.ts";
import { label } from "./support/messages.ts";

const FTP_PORT = 21;

export const fwmarkWithoutPersistence: Rule = {
  meta: {
    id: "LVS2002",
    alias: "fwmark-without-persistence",
    severity: "warning",
    description:
      "A firewall-mark service without persistence: one client's connections to the grouped ports are spread over the real servers; with NAT, every port is sent to the one port each real server was added with.",
    fixable: false,
    scope: "document",
    reads: { virtual: ["block", "active", "fwmark", "persistent", "port", "name"], server: [] },
  },
  create(ctx) {
    return {
      fileExit() {
        for (const [mark, group] of fwmarkGroups(startedVirtuals(ctx.model))) {
          // lvsd creates the service from the first block with the mark: its persistence is the one that counts.
          const first = group[0]!;
          if (first.persistent > 0) continue;
          const where = isSet(first, "persistent") ? "persistent" : "fwmark";
          const inWhich = group.length > 1 ? `every virtual with fwmark ${mark}` : label(first);
          const ports = [...new Set(group.map((v) => v.port))];
          // nanny adds each server as RIP:PORT; a non-persistent mark service rewrites every connection to that port.
          const rewritten = ctx.model.global.network === "nat" && (ports.length > 1 || ports.includes(FTP_PORT));
          const others = ports.filter((p) => p !== first.port).join(", ") || "the FTP data ports";
          const why = rewritten
            ? `IPVS schedules every connection on its own and, with NAT, sends each to the port the real server was added with (${first.port}, from ${label(first)}): connections to ${others} reach port ${first.port}.`
            : "IPVS schedules every connection on its own, so one client's connections to the ports the mark groups (such as FTP control and data) can reach different real servers.";
          ctx.report(
            at(spanFor(first, where), `fwmark ${mark} is balanced without persistence: ${why} Set \`persistent\` (seconds, such as 300) in ${inWhich}.`, rewritten ? { severity: "error" } : {}),
          );
        }
      },
    };
  },
};
