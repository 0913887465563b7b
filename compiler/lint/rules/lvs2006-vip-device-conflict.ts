import type { SourceSpan } from "../../model/resolve.ts";
import type { Rule } from "../types.ts";
import { lineOf, lvsdVirtuals } from "./semantic-2001_2013-util.ts";
import { at, label, spanFor } from "./semantic-util.ts";

interface Placed {
  readonly address: string;
  readonly device: string;
  readonly span: SourceSpan;
  /** "`virtual web` (line 12)": made only for a message. */
  readonly who: () => string;
  readonly vip: boolean;
}

export const vipDeviceConflict: Rule = {
  meta: {
    id: "LVS2006",
    alias: "vip-device-conflict",
    severity: "error",
    description: "Two different addresses on one device label, or one VIP on two different devices.",
    fixable: false,
  },
  create(ctx) {
    return {
      fileExit() {
        const g = ctx.model.global;
        const placed: Placed[] = [];
        for (const v of lvsdVirtuals(ctx.model)) {
          if (v.device === null || v.address === "0.0.0.0") continue;
          placed.push({ address: v.address, device: v.device, span: spanFor(v, "address"), who: () => `${label(v)} (line ${lineOf(v)})`, vip: true });
        }
        if (g.service !== "fos" && g.network === "nat" && g.nat_router?.device) {
          const span = spanFor(g, "nat_router");
          placed.push({ address: g.nat_router.address, device: g.nat_router.device, span, who: () => `\`nat_router\` (line ${span.line})`, vip: false });
        }
        placed.sort((a, b) => a.span.start - b.span.start);
        let aliases: ((device: string) => number) | null = null;
        const freeAlias = (device: string): number => (aliases ??= nextAliases(placed))(device);
        // Earlier placements by device (and by VIP): the first two with distinct addresses (devices).
        // The earliest one that differs from a later placement is always among those two.
        const onDevice = new Map<string, Placed[]>();
        const ofVip = new Map<string, Placed[]>();
        const remember = (map: Map<string, Placed[]>, key: string, p: Placed, distinct: (q: Placed) => boolean): void => {
          const list = map.get(key);
          if (!list) map.set(key, [p]);
          else if (list.length < 2 && list.every(distinct)) list.push(p);
        };
        for (const p of placed) {
          const sameLabel = onDevice.get(p.device)?.find((q) => q.address !== p.address);
          const sameVip = p.vip && !sameLabel ? ofVip.get(p.address)?.find((q) => q.device !== p.device) : undefined;
          remember(onDevice, p.device, p, (q) => q.address !== p.address);
          if (p.vip) remember(ofVip, p.address, p, (q) => q.device !== p.device);
          if (sameLabel) {
            ctx.report(
              at(
                p.span,
                `${p.device} already carries ${sameLabel.address} for ${sameLabel.who()}: a device label holds one address, so whichever pulse configures last replaces the other and that address is unreachable. Give each address its own alias, such as ${p.device.split(":")[0]}:${freeAlias(p.device)}.`,
              ),
            );
          } else if (sameVip) {
            ctx.report(
              at(
                p.span,
                `VIP ${p.address} is on ${sameVip.device} for ${sameVip.who()}: pulse brings each VIP up once, on the device of the first active virtual that names it, so ${p.device} is never configured. Use ${sameVip.device} here too.`,
              ),
            );
          }
        }
      },
    };
  },
};

/** For a device, the smallest alias number not used on its base device by any placement. */
function nextAliases(placed: readonly Placed[]): (device: string) => number {
  const used = new Map<string, Set<string>>();
  for (const p of placed) {
    const [base, alias] = p.device.split(":");
    const set = used.get(base!) ?? new Set<string>();
    set.add(alias ?? "");
    used.set(base!, set);
  }
  const free = new Map<string, number>();
  return (device) => {
    const base = device.split(":")[0]!;
    let n = free.get(base);
    if (n === undefined) {
      n = 1;
      while (used.get(base)?.has(String(n))) n++;
      free.set(base, n);
    }
    return n;
  };
}
