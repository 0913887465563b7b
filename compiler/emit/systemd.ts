/** systemd units for the modern target: each runs its init script as a one-shot service. */
import { commentText } from "./shell.ts";

/** Where the bundle's README tells the administrator to install the scripts. */
export const SCRIPT_DIR = "/usr/local/sbin";

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
