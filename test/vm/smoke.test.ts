/** The VM harness itself: a real IPVS kernel, its tools, and NAT traffic between namespaces. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { explain, runInVm } from "./harness.ts";

const GUEST = String.raw`
. /usr/local/lib/vmtest.sh

check ip_is_iproute2 sh -c 'ip -V | grep -q iproute2'
check sysctl_is_procps sh -c 'sysctl --version | grep -q procps'
check modprobe_is_kmod sh -c 'modprobe -V | grep -q kmod'
ls /sys/class/net
check vm_has_no_network_device sh -c '! ls -d /sys/class/net/*/device 2>/dev/null'

ipvsadm -A -t 10.0.0.10:80 -s rr
ipvsadm -a -t 10.0.0.10:80 -r 10.0.1.2:80 -m -w 2
check_same ipvsadm_save_reads_back "-A -t 10.0.0.10:80 -s rr
-a -t 10.0.0.10:80 -r 10.0.1.2:80 -m -w 2" "$(ipvsadm -Sn)"
ipvsadm -C

# client 10.0.0.2 -- 10.0.0.1 director (VIP 10.0.0.10) 10.0.1.1 -- rs1 10.0.1.2, rs2 10.0.1.3
bridge_add br-pub br-priv
ns_add client director rs1 rs2
ns_link client eth0 br-pub 10.0.0.2/24
ns_link director eth0 br-pub 10.0.0.1/24 10.0.0.10/32
ns_link director eth1 br-priv 10.0.1.1/24
ns_link rs1 eth0 br-priv 10.0.1.2/24
ns_link rs2 eth0 br-priv 10.0.1.3/24
ip -n client route add default via 10.0.0.1
ip -n rs1 route add default via 10.0.1.1
ip -n rs2 route add default via 10.0.1.1
in_ns director sysctl -qw net.ipv4.ip_forward=1
http_serve rs1 rs1
http_serve rs2 rs2
in_ns director ipvsadm -A -t 10.0.0.10:80 -s rr
in_ns director ipvsadm -a -t 10.0.0.10:80 -r 10.0.1.2:80 -m
in_ns director ipvsadm -a -t 10.0.0.10:80 -r 10.0.1.3:80 -m
check_same nat_round_robin "2 rs1
2 rs2" "$(http_spread http://10.0.0.10/ 4 client)"
check ipvs_table_is_per_namespace test -z "$(ipvsadm -Sn)"
teardown

check arptables_input_drop arptables -A INPUT -d 10.0.0.1 -j DROP
check arptables_output_mangle arptables -A OUTPUT -s 10.0.0.1 -j mangle --mangle-ip-s 10.0.0.2
check arptables_lists_both sh -c 'arptables-save | grep -q -- "-j DROP" && arptables-save | grep -q -- "--mangle-ip-s 10.0.0.2"'
arptables -F

result
`;

test("one VM boot: ipvsadm, NAT between namespaces, arptables", () => {
  const run = runInVm(GUEST);
  assert.ok(run.ok, explain(run));
  assert.equal(
    run.checks.map((c) => c.name),
    [
      "ip_is_iproute2",
      "sysctl_is_procps",
      "modprobe_is_kmod",
      "vm_has_no_network_device",
      "ipvsadm_save_reads_back",
      "nat_round_robin",
      "ipvs_table_is_per_namespace",
      "arptables_input_drop",
      "arptables_output_mangle",
      "arptables_lists_both",
    ],
  );
  assert.ok(run.checks.every((c) => c.pass), explain(run));
});

test.run();
