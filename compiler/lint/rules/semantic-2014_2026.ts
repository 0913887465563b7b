/** Semantic rules LVS2014–LVS2026, in id order. */
import type { Rule } from "../types.ts";
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

export const RULES_2014_2026: readonly Rule[] = [
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
];
