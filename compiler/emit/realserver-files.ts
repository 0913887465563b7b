/**
 * Per-method files for a real server, in the formats the distribution's services load:
 * arptables rules (arptables_jf's IN/OUT chains on rhel5, INPUT/OUTPUT today), iptables REDIRECT
 * rules, and vsftpd's passive-mode settings.
 */
import type { BundleOptions, Target } from "../../runtime/manifest.ts";
import { isFtp, vipAddresses, type RealServerRole } from "./roles.ts";
import { address, integer } from "./shell.ts";

export const REDIRECT_CHAIN = "LVS-REDIRECT";

export function arpChains(target: Target): { input: string; output: string } {
  return target === "rhel5" ? { input: "IN", output: "OUT" } : { input: "INPUT", output: "OUTPUT" };
}

/** The arptables rule arguments after `-A`/`-D`: drop requests for each VIP, never announce one. */
export function arpRules(role: RealServerRole, target: Target): string[][] {
  const { input, output } = arpChains(target);
  return vipAddresses(role).flatMap((vip) => [
    [input, "-d", address(vip), "-j", "DROP"],
    [output, "-s", address(vip), "-j", "mangle", "--mangle-ip-s", address(role.address)],
  ]);
}

export function arptablesRules(role: RealServerRole, target: Target): string {
  const { input, output } = arpChains(target);
  const chains = target === "rhel5" ? [input, output, "FORWARD"] : [input, output];
  return ["*filter", ...chains.map((c) => `:${c} ACCEPT`), ...arpRules(role, target).map((r) => `-A ${r.join(" ")}`)].join("\n") + "\n";
}

/** `-p PROTO -d VIP --dport PORTS` for every port the server takes on a VIP (FTP: the passive range too). */
export function redirectMatches(role: RealServerRole, options: BundleOptions): string[][] {
  const matches: string[][] = [];
  for (const v of role.vips) {
    for (const port of v.ports) {
      matches.push(["-d", `${address(v.address)}/32`, "-p", v.protocol, "-m", v.protocol, "--dport", integer(port, 0, 65535)]);
      if (isFtp({ protocol: v.protocol, port })) {
        matches.push(["-d", `${address(v.address)}/32`, "-p", "tcp", "-m", "tcp", "--dport", `${options.ftpPassive.min}:${options.ftpPassive.max}`]);
      }
    }
  }
  return matches;
}

export function redirectIptablesRules(role: RealServerRole, options: BundleOptions): string {
  return (
    [
      "# lvs-toolchain: load with iptables-restore --noflush; lvs-realserver start also hooks the chain into PREROUTING",
      "*nat",
      `:${REDIRECT_CHAIN} - [0:0]`,
      ...redirectMatches(role, options).map((m) => `-A ${REDIRECT_CHAIN} ${m.join(" ")} -j REDIRECT`),
      "COMMIT",
    ].join("\n") + "\n"
  );
}

export function vsftpdConf(role: RealServerRole, options: BundleOptions): string {
  const lines = [
    "# vsftpd settings for this real server behind the director (lvs-toolchain); merge into vsftpd.conf",
    "# the passive data ports are the ones the director marks for the FTP service",
    "pasv_enable=YES",
    `pasv_min_port=${integer(options.ftpPassive.min, 1024, 65535)}`,
    `pasv_max_port=${integer(options.ftpPassive.max, 1024, 65535)}`,
  ];
  if (role.method === "nat" && role.ftpVip) {
    lines.push("# with NAT the server must announce the VIP, not its own address, in PASV replies", `pasv_address=${address(role.ftpVip)}`);
  } else if (role.method === "direct" && options.drArp === "iptables" && role.ftpVip) {
    // REDIRECT hands vsftpd the connection at the server's own address, which it would announce.
    lines.push("# without the VIP on this server (iptables REDIRECT) it must announce the VIP in PASV replies", `pasv_address=${address(role.ftpVip)}`);
  }
  return lines.join("\n") + "\n";
}
