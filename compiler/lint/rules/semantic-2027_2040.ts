/** Semantic rules LVS2027–LVS2040, in id order. */
import type { Rule } from "../types.ts";
import { singleQuotedCheckString } from "./lvs2027-single-quoted-check-string.ts";
import { pmaskWithoutPersistence } from "./lvs2028-pmask-without-persistence.ts";
import { badNetmask } from "./lvs2029-bad-netmask.ts";
import { ftpWithoutFwmark } from "./lvs2030-ftp-without-fwmark.ts";
import { weightRange } from "./lvs2031-weight-range.ts";
import { portRange } from "./lvs2032-port-range.ts";
import { sorryServer } from "./lvs2033-sorry-server.ts";
import { vipIsHost } from "./lvs2034-vip-is-host.ts";
import { natServerSubnet } from "./lvs2035-nat-server-subnet.ts";
import { loadMonitor } from "./lvs2036-load-monitor.ts";
import { blockKindIgnored } from "./lvs2037-block-kind-ignored.ts";
import { hardShutdown } from "./lvs2038-hard-shutdown.ts";
import { quiesceNeedsTemplateExpiry } from "./lvs2039-quiesce-needs-template-expiry.ts";
import { badDeviceName } from "./lvs2040-bad-device-name.ts";

export const RULES_2027_2040: readonly Rule[] = [
  singleQuotedCheckString,
  pmaskWithoutPersistence,
  badNetmask,
  ftpWithoutFwmark,
  weightRange,
  portRange,
  sorryServer,
  vipIsHost,
  natServerSubnet,
  loadMonitor,
  blockKindIgnored,
  hardShutdown,
  quiesceNeedsTemplateExpiry,
  badDeviceName,
];
