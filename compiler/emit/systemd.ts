/**
 * systemd units for the modern target: each init script as a one-shot service, and lvs-run as
 * a supervised one (restarted when it fails or its watchdog goes quiet).
 */
import { commentText } from "./shell.ts";

/** Where the bundle's README tells the administrator to install the scripts. */
export const SCRIPT_DIR = "/usr/local/sbin";
/** Where the bundle goes on a director (lvs-run reads its manifest there). */
export const BUNDLE_DIR = "/etc/lvs-toolchain";

export function systemdUnit(script: string, description: string): string {
  return [
    "[Unit]",
    `Description=${commentText(description)}`,
    "Wants=network-online.target",
    "After=network-online.target",
    "",
    "[Service]",
    "Type=oneshot",
    "RemainAfterExit=yes",
    `ExecStart=${SCRIPT_DIR}/${script} start`,
    `ExecStop=${SCRIPT_DIR}/${script} stop`,
    "",
    "[Install]",
    "WantedBy=multi-user.target",
    "",
  ].join("\n");
}

/** Seconds without a watchdog ping after which systemd restarts lvs-run. */
export const LVS_RUN_WATCHDOG_S = 30;

/** `director/lvs-run.service`: lvs-run on the bundle installed at `bundleDir`. */
export function lvsRunUnit(lvsRun: string, bundleDir: string, standalone: boolean): string {
  return [
    "[Unit]",
    "Description=LVS director: health checks, IPVS table and failover (lvs-run)",
    "Wants=network-online.target lvs-director.service",
    "After=network-online.target lvs-director.service",
    // Piranha's daemons keep the same table and addresses: never both.
    "Conflicts=pulse.service",
    "",
    "[Service]",
    "Type=simple",
    `ExecStart=${lvsRun}${standalone ? " --standalone" : ""} ${bundleDir}`,
    "ExecReload=/bin/kill -HUP $MAINPID",
    "Restart=on-failure",
    "RestartSec=2",
    // lvs-run pings from its event loop with systemd-notify: a frozen process is restarted.
    `WatchdogSec=${LVS_RUN_WATCHDOG_S}`,
    "NotifyAccess=all",
    "TimeoutStopSec=30",
    "",
    "[Install]",
    "WantedBy=multi-user.target",
    "",
  ].join("\n");
}
