/** Commands that bring an address up or down on an interface, per target. */
import type { FloatingAddress, Target } from "../../runtime/manifest.ts";
import { inetAton } from "../model/values.ts";
import { address, device, shCommand, shQuote } from "./shell.ts";

function broadcast(ip: string, mask: string): string {
  const a = inetAton(ip)!;
  const m = inetAton(mask)!;
  const b = ((a & m) | ~m) >>> 0;
  return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}`;
}

const isAlias = (dev: string): boolean => dev.includes(":");

/** The address as pulse brings it up: on its device (alias label included) with its netmask. */
export function floatingUp(a: FloatingAddress, target: Target): string[] {
  const dev = device(a.device);
  const ip = address(a.address);
  if (target === "rhel5") {
    return [
      `run ${shCommand("ifconfig", dev, ip, "netmask", address(a.netmask), "broadcast", broadcast(ip, a.netmask), "up")}`,
      `announce ${shCommand(device(a.baseDevice), ip)}`,
    ];
  }
  // The words that are not values are plain: only the values need quoting (a script has a
  // line or three per VIP, thousands of them).
  const base = shQuote(device(a.baseDevice));
  const label = isAlias(dev) ? ` label ${shQuote(dev)}` : "";
  const quotedIp = shQuote(ip);
  return [`run ip link set dev ${base} up`, `run ip addr replace ${shQuote(`${ip}/${a.prefix ?? 32}`)} brd + dev ${base}${label}`, `announce ${base} ${quotedIp}`];
}

export function floatingDown(a: FloatingAddress, target: Target): string[] {
  const dev = device(a.device);
  const ip = address(a.address);
  if (target === "rhel5") {
    // ifconfig can only drop an address by taking its alias down; a base device stays as it is.
    return isAlias(dev) ? [`${shCommand("ifconfig", dev, "down")} 2>/dev/null`] : [`note ${shCommand(`leaving ${ip} on ${dev}: it is not an alias`)}`];
  }
  return [`ip addr del ${shQuote(`${ip}/${a.prefix ?? 32}`)} dev ${shQuote(device(a.baseDevice))} 2>/dev/null`];
}

/** announce DEVICE ADDRESS for a target: rhel5 sends it as pulse does, with Piranha's send_arp when there. */
export function announceFunction(target: Target): string[] {
  return target === "rhel5" ? RHEL5_ANNOUNCE_FUNCTION : ANNOUNCE_FUNCTION;
}

const RHEL5_ANNOUNCE_FUNCTION = [
  "# announce DEVICE ADDRESS: one gratuitous ARP, as pulse sends it: with Piranha's send_arp",
  "# (the device's MAC and broadcast read from ifconfig), else with iputils arping",
  "announce() {",
  '\tsend_arp=${LVS_SEND_ARP:-/usr/sbin/send_arp}',
  '\tif [ -x "$send_arp" ]; then',
  "\t\tmac=$(ifconfig \"$1\" 2>/dev/null | awk '/HWaddr/ { print $NF; exit }' | tr -d :)",
  "\t\tbcast=$(ifconfig \"$1\" 2>/dev/null | sed -n 's/.*Bcast:\\([0-9.]*\\).*/\\1/p' | head -n 1)",
  '\t\t[ -n "$mac" ] && "$send_arp" -i "$1" "$2" "$mac" "${bcast:-255.255.255.255}" ffffffffffff >/dev/null 2>&1',
  "\telif command -v arping >/dev/null 2>&1; then",
  '\t\tarping -q -U -c 1 -w 1 -I "$1" "$2" </dev/null >/dev/null 2>&1 &',
  "\tfi",
  "\treturn 0",
  "}",
  "",
];

const ANNOUNCE_FUNCTION = [
  "# announce DEVICE ADDRESS: one gratuitous ARP, when arping is installed, in the background",
  "# (arping waits a second after sending; the next address need not wait for it)",
  "announce() {",
  "\tcommand -v arping >/dev/null 2>&1 || return 0",
  '\tarping -q -U -c 1 -w 1 -I "$1" "$2" </dev/null >/dev/null 2>&1 &',
  "\treturn 0",
  "}",
  "",
];
