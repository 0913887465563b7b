/**
 * `realserver/vsftpd-VIP.conf`: vsftpd's passive-mode settings for the real servers of one FTP
 * service, the same passive ports the director marks for it.
 */
import type { BundleOptions, ForwardingMethod } from "../../runtime/manifest.ts";
import type { FtpService } from "./realserver-data.ts";
import { address, integer } from "./shell.ts";

export function vsftpdFile(service: FtpService): string {
  return `vsftpd-${address(service.vip)}.conf`;
}

export function vsftpdConf(service: FtpService, method: ForwardingMethod, options: BundleOptions): string {
  const lines = [
    `# vsftpd settings for the real servers of FTP service ${address(service.vip)} (lvs-toolchain):`,
    `# ${service.servers.map(address).join(", ")}. Merge them into vsftpd.conf there.`,
    "# The passive data ports are the ones the director marks for the FTP service.",
    "pasv_enable=YES",
    `pasv_min_port=${integer(options.ftpPassive.min, 1024, 65535)}`,
    `pasv_max_port=${integer(options.ftpPassive.max, 1024, 65535)}`,
  ];
  if (method === "nat") {
    lines.push("# With NAT the server must announce the VIP, not its own address, in PASV replies.", `pasv_address=${address(service.vip)}`);
  } else if (method === "direct" && options.drArp === "iptables") {
    // REDIRECT hands vsftpd the connection at the server's own address, which it would announce.
    lines.push("# Without the VIP on the server (iptables REDIRECT) it must announce the VIP in PASV replies.", `pasv_address=${address(service.vip)}`);
  }
  return lines.join("\n") + "\n";
}
