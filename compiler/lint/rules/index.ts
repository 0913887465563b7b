/** Every rule, listed in id order: the one place a new rule is added. */
import type { Rule } from "../types.ts";
import { syntaxError } from "./lvs1001-syntax-error.ts";
import { unknownKeyword } from "./lvs1002-unknown-keyword.ts";
import { inlineComment } from "./lvs1003-inline-comment.ts";
import { crlfLineEndings } from "./lvs1004-crlf-line-endings.ts";
import { gluedEquals } from "./lvs1005-glued-equals.ts";
import { gluedBrace } from "./lvs1006-glued-brace.ts";
import { badQuoting } from "./lvs1007-bad-quoting.ts";
import { nonAsciiWhitespace } from "./lvs1008-non-ascii-whitespace.ts";
import { keywordCase } from "./lvs1009-keyword-case.ts";
import { invalidValue } from "./lvs1010-invalid-value.ts";
import { missingClosingBrace } from "./lvs1011-missing-closing-brace.ts";
import { tokensAfterBrace } from "./lvs1012-tokens-after-brace.ts";
import { octalOrHexNumber } from "./lvs1013-octal-or-hex-number.ts";
import { hostnameAddress } from "./lvs1014-hostname-address.ts";
import { duplicateKey } from "./lvs1015-duplicate-key.ts";
import { emptyFile } from "./lvs1016-empty-file.ts";
import { wrongArity } from "./lvs1017-wrong-arity.ts";
import { ignoredKeyword } from "./lvs1018-ignored-keyword.ts";
import { fileTooLarge } from "./lvs1019-file-too-large.ts";
import { unusedDisable } from "./lvs1020-unused-disable.ts";
import { fwmarkPersistenceMismatch } from "./lvs2001-fwmark-persistence-mismatch.ts";
import { fwmarkWithoutPersistence } from "./lvs2002-fwmark-without-persistence.ts";
import { fwmarkGroupMismatch } from "./lvs2003-fwmark-group-mismatch.ts";
import { backupInterfaceMismatch } from "./lvs2004-backup-interface-mismatch.ts";
import { backupUndefined } from "./lvs2005-backup-undefined.ts";
import { vipDeviceConflict } from "./lvs2006-vip-device-conflict.ts";
import { vipOnBaseDevice } from "./lvs2007-vip-on-base-device.ts";
import { duplicateVirtualService } from "./lvs2008-duplicate-virtual-service.ts";
import { duplicateRealServer } from "./lvs2009-duplicate-real-server.ts";
import { natRouterMissing } from "./lvs2010-nat-router-missing.ts";
import { natRouterUnused } from "./lvs2011-nat-router-unused.ts";
import { portRemapNeedsNat } from "./lvs2012-port-remap-needs-nat.ts";
import { portAfterServers } from "./lvs2013-port-after-servers.ts";
import { noActiveVirtual } from "./lvs2014-no-active-virtual.ts";
import { emptyPool } from "./lvs2015-empty-pool.ts";
import { implicitInactive } from "./lvs2016-implicit-inactive.ts";
import { unsupportedScheduler } from "./lvs2017-unsupported-scheduler.ts";
import { zeroTimeout } from "./lvs2018-zero-timeout.ts";
import { reentryBelowTimeout } from "./lvs2019-reentry-below-timeout.ts";
import { deadtimeTooShort } from "./lvs2020-deadtime-too-short.ts";
import { sendProgramWithoutExpect } from "./lvs2021-send-program-without-expect.ts";
import { sendIgnored } from "./lvs2022-send-ignored.ts";
import { sendProgramHost } from "./lvs2023-send-program-host.ts";
import { badEscape } from "./lvs2024-bad-escape.ts";
import { badRegex } from "./lvs2025-bad-regex.ts";
import { udpCheck } from "./lvs2026-udp-check.ts";
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
import { classfulVipMask } from "./lvs2041-classful-vip-mask.ts";
import { vipNetworkWithoutDirector } from "./lvs2042-vip-network-without-director.ts";

export const UNUSED_DISABLE_RULE = unusedDisable;

/** Every rule, in id order. */
export const ALL_RULES: readonly Rule[] = [
  syntaxError,
  unknownKeyword,
  inlineComment,
  crlfLineEndings,
  gluedEquals,
  gluedBrace,
  badQuoting,
  nonAsciiWhitespace,
  keywordCase,
  invalidValue,
  missingClosingBrace,
  tokensAfterBrace,
  octalOrHexNumber,
  hostnameAddress,
  duplicateKey,
  emptyFile,
  wrongArity,
  ignoredKeyword,
  fileTooLarge,
  unusedDisable,
  fwmarkPersistenceMismatch,
  fwmarkWithoutPersistence,
  fwmarkGroupMismatch,
  backupInterfaceMismatch,
  backupUndefined,
  vipDeviceConflict,
  vipOnBaseDevice,
  duplicateVirtualService,
  duplicateRealServer,
  natRouterMissing,
  natRouterUnused,
  portRemapNeedsNat,
  portAfterServers,
  noActiveVirtual,
  emptyPool,
  implicitInactive,
  unsupportedScheduler,
  zeroTimeout,
  reentryBelowTimeout,
  deadtimeTooShort,
  sendProgramWithoutExpect,
  sendIgnored,
  sendProgramHost,
  badEscape,
  badRegex,
  udpCheck,
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
  classfulVipMask,
  vipNetworkWithoutDirector,
];

/** The rules about what Piranha's parser rejects or misreads (LVS1xxx). */
export const PARSER_RULES: readonly Rule[] = ALL_RULES.filter((r) => r.meta.id.startsWith("LVS1"));

export function findRule(idOrAlias: string): Rule | undefined {
  return ALL_RULES.find((r) => r.meta.id === idOrAlias || r.meta.alias === idOrAlias);
}
