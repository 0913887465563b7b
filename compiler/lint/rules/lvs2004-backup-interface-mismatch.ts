import type { ModelGlobal } from "../../model/resolve.ts";
import type { Rule } from "../types.ts";
import { at, isSet, spanFor } from "./support/fields.ts";
import { label } from "./support/messages.ts";
import { ipv4, knownNetworks } from "./support/networks.ts";
import { writtenGlobals } from "./support/syntax.ts";

const unset = (address: string): boolean => address === "0.0.0.0";

export const backupInterfaceMismatch: Rule = {
  meta: {
    id: "LVS2004",
    alias: "backup-interface-mismatch",
    severity: "error",
    description: "Heartbeat addresses of the two routers that do not pair up: a private address on one side only, the backup off the primary's network, equal addresses.",
    fixable: false,
    scope: "document",
    reads: { virtual: ["block", "active", "address", "vip_nmask", "name"], server: [] },
  },
  create(ctx) {
    const written = writtenGlobals();
    return {
      topLevel: written.topLevel,
      fileExit() {
        const g: ModelGlobal = ctx.model.global;
        // Without a backup router taking part, pulse sends no heartbeat and these addresses are not used.
        if (g.backup_active !== 1 || unset(g.backup)) return;
        const report = (field: string, message: string): void => ctx.report(at(spanFor(g, field), message));
        const privateGiven = isSet(g, "primary_private");

        if (isSet(g, "backup_private") && !privateGiven && !written.has("primary_private")) {
          report(
            "backup_private",
            "`backup_private` is ignored without `primary_private`: Piranha replaces it with `backup`, so the heartbeat runs over the public network only. Add `primary_private`, or remove this line.",
          );
        } else if (privateGiven && !isSet(g, "backup_private") && !written.has("backup_private")) {
          report(
            "primary_private",
            "`primary_private` is given but `backup_private` is not: pulse takes 0.0.0.0 as the backup router's private heartbeat address, so the private heartbeat path does not work. Add `backup_private`.",
          );
        }

        if (g.backup === g.primary && isSet(g, "primary")) {
          report(
            "backup",
            `\`backup\` is the same address as \`primary\` (${g.primary}): pulse on the backup router cannot bind its heartbeat socket to it, and the primary sends its heartbeats to itself. Set \`backup\` to the backup router's own address.`,
          );
        }
        if (privateGiven && isSet(g, "backup_private")) {
          if (g.backup_private === g.primary_private) {
            report(
              "backup_private",
              `\`backup_private\` is the same address as \`primary_private\` (${g.primary_private}): the private heartbeat goes back to the router that sends it. Set the backup router's own private address.`,
            );
          }
          for (const [field, value] of [
            ["primary_private", g.primary_private],
            ["backup_private", g.backup_private],
          ] as const) {
            const publicField = value === g.primary ? "primary" : value === g.backup ? "backup" : null;
            if (!publicField) continue;
            report(
              field,
              `\`${field}\` is the same address as \`${publicField}\` (${value}): the private heartbeat then takes the public path, and there is no second path when that network fails. Give the address of the router on the private network.`,
            );
          }
        }

        const networks = knownNetworks(ctx.model, label);
        const pairs: Array<{ a: "primary" | "primary_private"; b: "backup" | "backup_private"; what: string }> = [
          { a: "primary", b: "backup", what: "public" },
          ...(privateGiven && isSet(g, "backup_private") ? [{ a: "primary_private", b: "backup_private", what: "private" } as const] : []),
        ];
        for (const { a, b, what } of pairs) {
          const pa = g[a];
          const pb = g[b];
          if (pa === pb || !isSet(g, a)) continue;
          const addressA = ipv4(pa);
          const addressB = ipv4(pb);
          for (const { net, from } of networks) {
            const ina = net.holds(addressA);
            const inb = net.holds(addressB);
            if (ina === null || inb === null || ina === inb) continue;
            report(
              b,
              ina
                ? `\`${b}\` (${pb}) is not on the network of \`${a}\` (${net.text}, from ${from()}): the routers must share their ${what} network for the backup to take over the addresses on it. Correct the address or the netmask.`
                : `\`${b}\` (${pb}) is on ${net.text} (from ${from()}) but \`${a}\` (${pa}) is not: the routers must share their ${what} network for the backup to take over the addresses on it. Correct the address or the netmask.`,
            );
            break;
          }
        }
      },
    };
  },
};
