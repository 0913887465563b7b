/**
 * `realserver/lvs-realserver`: one init script for every real server of the cluster. It reads
 * `lvs-realserver.conf` (realserver-data.ts), checks every line by kind, and applies the lines
 * of the host's own addresses: direct routing puts the VIPs on lo aliases with ARP kept quiet
 * (arptables or sysctls), or leaves them off and REDIRECTs their ports (iptables); tunnelling
 * puts them on tunl0; NAT makes the NAT router the default gateway. start records the lines it
 * applied, so that stop undoes exactly those; plan prints what start would do.
 */
import type { Target } from "../../runtime/manifest.ts";
import { INSTALLED_REALSERVER_DATA, REALSERVER_DATA } from "./realserver-data.ts";
import { dispatch, IPTABLES_HOOK_FUNCTIONS, RESTORE_SYSCTLS_FUNCTION, scriptHeader, SET_SYSCTL_FUNCTION, STATUS_WHEN_STOPPED } from "./script-lib.ts";
import { shCommand } from "./shell.ts";
import { ARP_SETTINGS, TUNNEL_SETTINGS, type SysctlSetting } from "./sysctl.ts";

export const REALSERVER_SCRIPT = "lvs-realserver";
export const REDIRECT_CHAIN = "LVS-REDIRECT";
const ACTIONS = ["start", "stop", "status", "plan"] as const;

/** The commands that differ between targets; `$dev`, `$n`, `$vip`, `$gateway`, `$old` are set where they run. */
interface TargetCommands {
  readonly hostAddresses: string;
  readonly tunnelUp: string;
  readonly arpIn: string;
  readonly arpOut: string;
  readonly vipUp: string;
  readonly vipDown: string;
  readonly vipPresent: string;
  readonly gatewaySave: string;
  readonly gatewayUp: string;
  readonly gatewayDown: string;
  readonly gatewayPresent: string;
}

const MODERN: TargetCommands = {
  hostAddresses: "\tip -4 -o addr show 2>/dev/null | awk '{ sub(/\\/.*/, \"\", $4); print $4 }'",
  tunnelUp: ["\t\ttry modprobe ipip", "\t\trun ip link set dev tunl0 up"].join("\n"),
  arpIn: "INPUT",
  arpOut: "OUTPUT",
  vipUp: '\t\trun ip addr replace "$vip/32" dev "$dev" label "$dev:$n"',
  vipDown: '\t\tdrop ip addr del "$vip/32" dev "$dev"',
  vipPresent: '\t\tip -o addr show dev "$dev" | grep -qF " $vip/32 "',
  gatewaySave: "\t\tip route show default | awk '$1 == \"default\" && $2 == \"via\" { print $3; exit }' >\"$STATE_DIR/gateway\"",
  gatewayUp: '\trun ip route replace default via "$gateway"',
  gatewayDown: ['\tif [ -n "$old" ]; then', '\t\trun ip route replace default via "$old"', "\telse", '\t\tdrop ip route del default via "$gateway"', "\tfi"].join("\n"),
  gatewayPresent: '\t\tip route show default | grep -qF "via $gateway "',
};

/** net-tools (ifconfig, route) and arptables_jf's IN and OUT chains: nothing RHEL 5 lacks. */
const RHEL5: TargetCommands = {
  // net-tools 1.x prints `inet addr:IP`, 2.x and busybox `inet IP` or `inet addr:IP`.
  hostAddresses: "\tifconfig 2>/dev/null | awk '{ for (i = 1; i < NF; i++) if ($i == \"inet\") { a = $(i + 1); sub(/^addr:/, \"\", a); print a } }'",
  tunnelUp: ["\t\ttry modprobe ipip", "\t\trun ifconfig tunl0 up"].join("\n"),
  arpIn: "IN",
  arpOut: "OUT",
  vipUp: '\t\trun ifconfig "$dev:$n" "$vip" netmask 255.255.255.255 up',
  vipDown: '\t\tdrop ifconfig "$dev:$n" down',
  vipPresent: '\t\thost_addresses | grep -qxF "$vip"',
  gatewaySave: "\t\troute -n | awk '$1 == \"0.0.0.0\" { print $2; exit }' >\"$STATE_DIR/gateway\"",
  gatewayUp: ["\ttry route del default", '\trun route add default gw "$gateway"'].join("\n"),
  gatewayDown: ['\tdrop route del default gw "$gateway"', '\tif [ -n "$old" ]; then run route add default gw "$old"; fi'].join("\n"),
  gatewayPresent: "\t\troute -n | awk -v gw=\"$gateway\" '$1 == \"0.0.0.0\" && $2 == gw { found = 1 } END { exit !found }'",
};

const block = (lines: readonly string[]): string => lines.join("\n");
const sysctlsUp = (settings: readonly SysctlSetting[]): string => settings.map((s) => `\t\tset_sysctl ${shCommand(s.key, s.value)}`).join("\n");
const sysctlsCheck = (settings: readonly SysctlSetting[]): string =>
  settings.map((s) => `\t\t[ "$(sysctl -n ${shCommand(s.key)} 2>/dev/null)" = ${shCommand(s.value)} ] || missing ${shCommand(`${s.key} = ${s.value}`)}`).join("\n");

export function realServerScript(target: Target): string {
  const t = target === "rhel5" ? RHEL5 : MODERN;
  const header = scriptHeader({
    name: REALSERVER_SCRIPT,
    description: "LVS real server: takes the director's traffic for the virtual addresses",
    priorities: [25, 75],
  });
  return `${block(header)}
${block([...SET_SYSCTL_FUNCTION, ...RESTORE_SYSCTLS_FUNCTION])}
${block(IPTABLES_HOOK_FUNCTIONS)}
# Each data line: real-server method vip protocol ports arp gateway. SELECT checks every line
# by kind and prints, normalised, those of the addresses in \`hosts\`; a bad line stops it.
# shellcheck disable=SC2016
SELECT='
function ipv4(s,  p, i) {
	if (s !~ /^[0-9][0-9]?[0-9]?\\.[0-9][0-9]?[0-9]?\\.[0-9][0-9]?[0-9]?\\.[0-9][0-9]?[0-9]?$/) return 0
	split(s, p, ".")
	for (i = 1; i <= 4; i++) if (p[i] + 0 > 255 || p[i] ~ /^0./) return 0
	return 1
}
function port(s) { return s ~ /^[0-9][0-9]?[0-9]?[0-9]?[0-9]?$/ && s + 0 <= 65535 }
function ports(s,  p) {
	if (port(s)) return 1
	return split(s, p, ":") == 2 && port(p[1]) && port(p[2]) && p[1] + 0 <= p[2] + 0
}
function bad(why) {
	printf "%s line %d: %s\\n", FILENAME, FNR, why
	exit 1
}
BEGIN {
	n = split(hosts, h, " ")
	for (i = 1; i <= n; i++) {
		if (!ipv4(h[i])) { print "--address takes an IPv4 address, not " h[i]; exit 2 }
		mine[h[i]] = 1
	}
}
/^[ \\t]*(#|$)/ { next }
{
	if (NF != 7) bad("7 fields expected (real-server method vip protocol ports arp gateway), not " NF)
	if (!ipv4($1)) bad("the real server must be an IPv4 address, not " $1)
	if ($2 != "nat" && $2 != "direct" && $2 != "tunnel") bad("the method must be nat, direct or tunnel, not " $2)
	if (!ipv4($3)) bad("the VIP must be an IPv4 address, not " $3)
	if ($4 != "tcp" && $4 != "udp") bad("the protocol must be tcp or udp, not " $4)
	if (!ports($5)) bad("the ports must be a port or FIRST:LAST, not " $5)
	if ($2 == "direct" && $6 != "arptables" && $6 != "iptables" && $6 != "sysctl") bad("direct routing takes arp arptables, iptables or sysctl, not " $6)
	if ($2 == "tunnel" && $6 != "sysctl") bad("tunnelling takes arp sysctl, not " $6)
	if ($2 == "nat" && $6 != "-") bad("NAT takes arp -, not " $6)
	if ($2 == "nat" && $7 != "-" && !ipv4($7)) bad("the gateway must be an IPv4 address or -, not " $7)
	if ($2 != "nat" && $7 != "-") bad("only NAT takes a gateway, not " $7)
	if (!($1 in mine)) next
	how = $2 " " $6 " " $7
	if (kept != "" && how != kept) bad("the lines of this host disagree: " how " here, " kept " before")
	kept = how
	print $1, $2, $3, $4, $5, $6, $7
}'

# What start does, each an awk program over the selected lines.
# shellcheck disable=SC2016
VIPS='($2 == "tunnel" || ($2 == "direct" && $6 != "iptables")) {
	dev = $2 == "tunnel" ? "tunl0" : "lo"
	if (!((dev, $3) in seen)) { seen[dev, $3] = 1; print dev, n[dev]++, $3 }
}'
# shellcheck disable=SC2016
ARP_RULES='$6 == "arptables" && !(($3, $1) in seen) { seen[$3, $1] = 1; print $3, $1 }'
# shellcheck disable=SC2016
REDIRECTS='$6 == "iptables" && !(($3, $4, $5) in seen) { seen[$3, $4, $5] = 1; print $3, $4, $5 }'
# shellcheck disable=SC2016
ARP_SYSCTLS='$6 == "sysctl" { print "yes"; exit }'
# shellcheck disable=SC2016
TUNNEL='$2 == "tunnel" { print "yes"; exit }'
# shellcheck disable=SC2016
GATEWAY='$2 == "nat" { print $7; exit }'
# shellcheck disable=SC2016
DESCRIBE='
!($1 in how) {
	order[++n] = $1
	how[$1] = $2 == "nat" ? "NAT, default route via " ($7 == "-" ? "the director (set by hand: lvs.cf names no nat_router)" : $7) : ($2 == "tunnel" ? "IP-in-IP tunnelling" : "direct routing, ARP kept quiet by " $6)
}
{ takes[$1] = takes[$1] ", " $3 " " $4 " " $5 }
$4 == "tcp" && $5 == "21" && !($3 in ftp) { ftp[$3] = 1; vsftpd[++f] = $3 }
END {
	for (i = 1; i <= n; i++) print "real server " order[i] " (" how[order[i]] "): " substr(takes[order[i]], 3)
	for (i = 1; i <= f; i++) print "FTP on " vsftpd[i] ": merge the bundle\\047s realserver/vsftpd-" vsftpd[i] ".conf into vsftpd.conf here"
}'

# each LINES PROGRAM: the program's output for the data lines in LINES
each() {
	[ -n "$1" ] || return 0
	printf '%s\\n' "$1" | awk "$2"
}

# try COMMAND...: runs it, a failure ignored (printed when planning)
try() {
	if [ -n "$planning" ]; then run "$@"; else "$@" 2>/dev/null; fi
	return 0
}

usage() {
	echo "Usage: $0 [--address A]... [--data FILE] {start|stop|status|plan|restart}" >&2
	exit 2
}

addresses=
data=
while [ $# -gt 0 ]; do
	case $1 in
	--address) [ $# -ge 2 ] || usage; addresses="$addresses $2"; shift 2 ;;
	--address=*) addresses="$addresses \${1#--address=}"; shift ;;
	--data) [ $# -ge 2 ] || usage; data=$2; shift 2 ;;
	--data=*) data=\${1#--data=}; shift ;;
	-*) usage ;;
	*) break ;;
	esac
done
[ $# -le 1 ] || usage
action=\${1:-}
if [ -z "$data" ]; then
	data=\${0%/*}/${REALSERVER_DATA}
	[ -f "$data" ] || data=${INSTALLED_REALSERVER_DATA}
fi

host_addresses() {
${t.hostAddresses}
}

# select_lines: the data lines of this host's addresses (or those given) into $selected
select_lines() {
	if [ ! -r "$data" ]; then
		note "cannot read $data (--data FILE names the data file)"
		exit 1
	fi
	hosts=$addresses
	[ -n "$hosts" ] || hosts=$(host_addresses)
	hosts=$(printf '%s\\n' "$hosts" | awk '{ $1 = $1; printf "%s%s", sep, $0; sep = " " }')
	selected=$(awk -v hosts="$hosts" "$SELECT" "$data")
	code=$?
	if [ "$code" != 0 ]; then
		note "$selected"
		exit "$code"
	fi
	if [ -z "$selected" ]; then
		note "no line of $data is for this host's addresses ($hosts): nothing to do here (--address A names the real-server address)"
		exit 1
	fi
}

arp_rule() {
	while drop arptables -D "$@"; do :; done
	run arptables -A "$@"
}

# arp_up LINES: ARP kept quiet about the VIPs, before any of them appears
arp_up() {
	if [ -n "$(each "$1" "$TUNNEL")" ]; then
${t.tunnelUp}
	fi
	if [ -n "$(each "$1" "$ARP_SYSCTLS")" ] || [ -n "$(each "$1" "$TUNNEL")" ]; then
${sysctlsUp(ARP_SETTINGS)}
	fi
	if [ -n "$(each "$1" "$TUNNEL")" ]; then
${sysctlsUp(TUNNEL_SETTINGS)}
	fi
	while read -r vip server; do
		[ -n "$vip" ] || continue
		arp_rule ${t.arpIn} -d "$vip" -j DROP
		arp_rule ${t.arpOut} -s "$vip" -j mangle --mangle-ip-s "$server"
	done <<-EOF
	$(each "$1" "$ARP_RULES")
	EOF
}

arp_down() {
	while read -r vip server; do
		[ -n "$vip" ] || continue
		while drop arptables -D ${t.arpIn} -d "$vip" -j DROP; do :; done
		while drop arptables -D ${t.arpOut} -s "$vip" -j mangle --mangle-ip-s "$server"; do :; done
	done <<-EOF
	$(each "$1" "$ARP_RULES")
	EOF
	restore_sysctls
}

vips_up() {
	while read -r dev n vip; do
		[ -n "$vip" ] || continue
${t.vipUp}
	done <<-EOF
	$(each "$1" "$VIPS")
	EOF
}

vips_down() {
	while read -r dev n vip; do
		[ -n "$vip" ] || continue
${t.vipDown}
	done <<-EOF
	$(each "$1" "$VIPS")
	EOF
}

redirect_up() {
	rules=$(each "$1" "$REDIRECTS")
	[ -n "$rules" ] || return 0
	iptables -t nat -n -L ${REDIRECT_CHAIN} >/dev/null 2>&1 || run iptables -t nat -N ${REDIRECT_CHAIN}
	run iptables -t nat -F ${REDIRECT_CHAIN}
	while read -r vip protocol ports; do
		run iptables -t nat -A ${REDIRECT_CHAIN} -d "$vip/32" -p "$protocol" -m "$protocol" --dport "$ports" -j REDIRECT
	done <<-EOF
	$rules
	EOF
	hook nat PREROUTING ${REDIRECT_CHAIN}
}

redirect_down() {
	[ -n "$(each "$1" "$REDIRECTS")" ] || return 0
	unhook nat PREROUTING ${REDIRECT_CHAIN}
}

gateway_up() {
	gateway=$(each "$1" "$GATEWAY")
	[ -n "$gateway" ] && [ "$gateway" != - ] || return 0
	if [ -z "$planning" ] && [ ! -f "$STATE_DIR/gateway" ]; then
${t.gatewaySave}
	fi
${t.gatewayUp}
}

gateway_down() {
	gateway=$(each "$1" "$GATEWAY")
	[ -n "$gateway" ] && [ "$gateway" != - ] || return 0
	old=$(cat "$STATE_DIR/gateway" 2>/dev/null)
${t.gatewayDown}
	rm -f "$STATE_DIR/gateway"
}

start() {
	select_lines
	if [ -z "$planning" ]; then
		mkdir -p "$STATE_DIR" || exit 1
		if [ -f "$STATE_DIR/applied" ] && [ "$(cat "$STATE_DIR/applied")" != "$selected" ]; then
			note "the lines for this host changed since the last start: undoing the old ones first"
			stop
			mkdir -p "$STATE_DIR" || exit 1
		fi
		# Written first, so that stop undoes a start that failed halfway.
		printf '%s\\n' "$selected" >"$STATE_DIR/applied" || exit 1
	fi
	each "$selected" "$DESCRIBE" | while IFS= read -r line; do note "$line"; done
	arp_up "$selected"
	if [ "$failed" != 0 ] && [ -n "$(each "$selected" "$VIPS")" ]; then
		# A VIP up without ARP kept quiet answers the clients' ARP requests in the director's place.
		note "the settings that keep ARP quiet about the VIPs did not all apply: no VIP is brought up"
		stop
		exit 1
	fi
	vips_up "$selected"
	redirect_up "$selected"
	gateway_up "$selected"
	[ -n "$planning" ] || : >"$STATE_DIR/started"
}

stop() {
	undo=$(cat "$STATE_DIR/applied" 2>/dev/null)
	gateway_down "$undo"
	redirect_down "$undo"
	vips_down "$undo"
	arp_down "$undo"
	rm -f "$STATE_DIR/applied" "$STATE_DIR/started"
	return 0
}

plan() {
	planning=1
	note "reading $data; this is what start would do here (nothing is changed):"
	start
}

# missing WHAT: status found a piece not in place
missing() {
	note "missing: $*"
	failed=1
}

status() {
${block(STATUS_WHEN_STOPPED)}
	lines=$(cat "$STATE_DIR/applied" 2>/dev/null)
	if [ -n "$(each "$lines" "$ARP_SYSCTLS")" ] || [ -n "$(each "$lines" "$TUNNEL")" ]; then
${sysctlsCheck(ARP_SETTINGS)}
	fi
	if [ -n "$(each "$lines" "$TUNNEL")" ]; then
${sysctlsCheck(TUNNEL_SETTINGS)}
	fi
	while read -r vip server; do
		[ -n "$vip" ] || continue
		arptables -L -n 2>/dev/null | grep -qF -- "$vip" || missing "arptables rules for $vip"
	done <<-EOF
	$(each "$lines" "$ARP_RULES")
	EOF
	while read -r dev n vip; do
		[ -n "$vip" ] || continue
${t.vipPresent} || missing "$vip on $dev"
	done <<-EOF
	$(each "$lines" "$VIPS")
	EOF
	while read -r vip protocol ports; do
		[ -n "$vip" ] || continue
		iptables -t nat -n -L ${REDIRECT_CHAIN} 2>/dev/null | awk -v vip="$vip" '$1 == "REDIRECT" && $5 == vip { found = 1 } END { exit !found }' || missing "the REDIRECT of $vip $protocol $ports"
	done <<-EOF
	$(each "$lines" "$REDIRECTS")
	EOF
	if [ -n "$(each "$lines" "$REDIRECTS")" ]; then
		iptables -t nat -n -L PREROUTING | grep -q '^${REDIRECT_CHAIN} ' || missing "the jump from PREROUTING to ${REDIRECT_CHAIN}"
	fi
	gateway=$(each "$lines" "$GATEWAY")
	if [ -n "$gateway" ] && [ "$gateway" != - ]; then
${t.gatewayPresent} || missing "the default route via $gateway"
	fi
	if [ "$failed" = 0 ]; then note running; else note "started, but not all settings are in place"; fi
}

${block(dispatch(ACTIONS, '"$action"', "[--address A]... [--data FILE] "))}

`;
}
