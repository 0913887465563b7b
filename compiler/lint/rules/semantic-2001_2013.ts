/** Semantic rules LVS2001–LVS2013, in id order. */
import type { Rule } from "../types.ts";
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

export const RULES_2001_2013: readonly Rule[] = [
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
];
