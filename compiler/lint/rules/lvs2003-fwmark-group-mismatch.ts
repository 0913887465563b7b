import type { ModelVirtual } from "../../model/resolve.ts";
import type { Rule } from "../types.ts";
import { at, isSet, spanFor } from "./support/fields.ts";
import { activeServerAddresses, sharedMarks } from "./support/fwmark.ts";
import { label, lineOf, listing } from "./support/messages.ts";

/** Settings that only shape the health checks lvsd starts for a block (and its sorry server). */
const CHECK_FIELDS = [
  "send",
  "expect",
  "send_program",
  "use_regex",
  "timeout",
  "reentry",
  "quiesce_server",
  "load_monitor",
  "client_monitor",
  "sorry_server",
] as const;

/** What makes the IPVS service: a difference means this block's service is not the one that exists. */
function serviceDifferences(v: ModelVirtual, first: ModelVirtual): string[] {
  const out: string[] = [];
  if (v.scheduler !== first.scheduler) out.push(`scheduler (${v.scheduler} here, ${first.scheduler} there)`);
  if (v.protocol !== first.protocol) out.push(`protocol (${v.protocol} here, ${first.protocol} there)`);
  if (v.address !== first.address) out.push(`VIP (${v.address} here, ${first.address} there)`);
  const mine = activeServerAddresses(v);
  const theirs = activeServerAddresses(first);
  const onlyHere = mine.filter((a) => !theirs.includes(a));
  // A block without servers of its own relies on the first block's; a block that lists some means them.
  const onlyThere = mine.length === 0 ? [] : theirs.filter((a) => !mine.includes(a));
  if (onlyHere.length || onlyThere.length) {
    const parts = [
      ...(onlyHere.length ? [`${listing(onlyHere)} only here`] : []),
      ...(onlyThere.length ? [`${listing(onlyThere)} only there`] : []),
    ];
    out.push(`real servers (${parts.join(", ")})`);
  }
  return out;
}

/** A check setting as nanny sees it: no `load_monitor` is the same as `none`. */
function effective(v: ModelVirtual, field: (typeof CHECK_FIELDS)[number]): unknown {
  return field === "load_monitor" ? (v.load_monitor ?? "none") : v[field];
}

/** Check settings this block sets that differ from the first block's; they are never used. */
function checkDifferences(v: ModelVirtual, first: ModelVirtual): string[] {
  const out: string[] = CHECK_FIELDS.filter((f) => isSet(v, f) && effective(v, f) !== effective(first, f)).map((f) => `\`${f}\``);
  for (const s of v.servers) {
    if (s.active !== 1 || !isSet(s, "weight")) continue;
    const twin = first.servers.find((t) => t.active === 1 && t.address === s.address);
    if (twin && twin.weight !== s.weight) out.push(`the weight of ${s.address}`);
  }
  return out;
}

export const fwmarkGroupMismatch: Rule = {
  meta: {
    id: "LVS2003",
    alias: "fwmark-group-mismatch",
    severity: "error",
    description: "Virtual servers sharing a firewall mark that differ in scheduler, protocol, VIP or real servers (error), or only in check settings (warning).",
    fixable: false,
    scope: "document",
  },
  create(ctx) {
    return {
      fileExit() {
        for (const [mark, [first, ...rest]] of sharedMarks(ctx.model)) {
          const there = `${label(first!)} (line ${lineOf(first!)})`;
          for (const v of rest) {
            const span = spanFor(v, "fwmark");
            const service = serviceDifferences(v, first!);
            if (service.length) {
              ctx.report(
                at(
                  span,
                  `${label(v)} shares fwmark ${mark} with ${there} but differs in ${listing(service)}: lvsd creates the one \`-f ${mark}\` service from ${label(first!)} and \`ipvsadm -A\` fails for this block, so its settings are ignored and its servers get no health check. Give every virtual with fwmark ${mark} the same scheduler, protocol, VIP and real servers.`,
                ),
              );
              continue;
            }
            const checks = checkDifferences(v, first!);
            if (checks.length) {
              ctx.report(
                at(
                  span,
                  `${label(v)} shares fwmark ${mark} with ${there}, so its ${listing(checks)} never take${checks.length === 1 ? "s" : ""} effect: \`ipvsadm -A\` fails for this block and lvsd starts no health check for it; only the checks of ${label(first!)} run. Use the same settings in every virtual with fwmark ${mark}, or remove them here.`,
                  { severity: "warning" },
                ),
              );
            }
          }
        }
      },
    };
  },
};
