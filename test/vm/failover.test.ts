/**
 * Failover on a real IPVS kernel, in one VM boot: two NAT directors (each namespace has its own
 * IPVS table), two real servers behind the floating NAT router address, and a client. The
 * primary takes the VIP and fills its table; the backup stands by with an empty table and the
 * sync daemon in backup role. The primary's lvs-run is killed (SIGKILL): the backup takes the
 * VIP and the NAT router address, and HTTP from the client to the VIP answers again within
 * deadtime + 2 s. A restarted primary stays passive and drops the addresses its killed run left.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { explain, runLvsRunInVm } from "./harness.ts";

const VIP = "10.0.0.10";
// Three keepalives: the guest's one emulated CPU shares the host with the other suites, and with a
// deadtime of two keepalives one late heartbeat made a standing-by director take over.
const DEADTIME_S = 3;
const VM_TIMEOUT_S = 240;

const LVS_CF = `serial_no = 1
primary = 10.0.0.11
backup = 10.0.0.12
backup_active = 1
heartbeat = 1
heartbeat_port = 539
keepalive = 1
deadtime = ${DEADTIME_S}
service = lvs
network = nat
nat_router = 10.0.1.1 eth1:1
nat_nmask = 255.255.255.0
syncdaemon = 1
syncd_iface = eth1
syncd_id = 7
virtual web {
     active = 1
     address = ${VIP} eth0:1
     vip_nmask = 255.255.255.0
     port = 80
     scheduler = rr
     protocol = tcp
     timeout = 2
     reentry = 2
     server rs1 {
         address = 10.0.1.2
         active = 1
         weight = 1
     }
     server rs2 {
         address = 10.0.1.3
         active = 1
         weight = 1
     }
}
`;

const GUEST = String.raw`
. /usr/local/lib/vmtest.sh

has_addr() { in_ns "$1" ip -o -4 addr show | grep -q " $2/24 "; }
holds_vips() { has_addr "$1" ${VIP} && has_addr "$1" 10.0.1.1; }
holds_none() { ! has_addr "$1" ${VIP} && ! has_addr "$1" 10.0.1.1; }
in_table() { in_ns "$1" ipvsadm -Sn | grep -qF -- "-r $2:80 "; }
both_in() { in_table "$1" 10.0.1.2 && in_table "$1" 10.0.1.3; }
table_empty() { test -z "$(in_ns "$1" ipvsadm -Sn)"; }
daemon_role() { in_ns "$1" ipvsadm -L --daemon | grep -q "^$2 sync daemon (mcast=eth1, syncid=7"; }
# answers: an HTTP answer from a real server within a second (a request whose SYN went to the
# dead director is given up at once and sent again, not left to TCP's retransmission)
answers() { case $(in_ns client timeout 1 wget -q -O - http://${VIP}/ 2>/dev/null) in rs1|rs2) return 0 ;; *) return 1 ;; esac; }
status_of() { in_ns "$1" node /payload/lvs-run.js status --state-dir "/tmp/$1"; }
# standing_by_hearing NAME: one status a second at most (starting node costs the guest's one CPU
# about a second under TCG, and the directors' heartbeats need it too)
standing_by_hearing() {
  sleep 1
  _status=$(status_of "$1")
  printf '%s\n' "$_status" | grep -q "standing by" && printf '%s\n' "$_status" | grep -q "last heartbeat running"
}
# start_director NAME: lvs-run in NAME's namespace; its pid in PID_NAME
start_director() {
  LVS_STATE_DIR=/tmp/$1-script nsenter --net=/run/netns/$1 node /payload/lvs-run.js --state-dir /tmp/$1 --log-format json /payload/bundle >>/tmp/$1.log 2>>/tmp/$1.err &
  eval "PID_$1=\$!"
}

# client 10.0.0.2, d1 10.0.0.11, d2 10.0.0.12, VIP ${VIP} | NAT router 10.0.1.1 (floating), rs1 10.0.1.2, rs2 10.0.1.3
bridge_add br-pub br-priv
ns_add client d1 d2 rs1 rs2
ns_link client eth0 br-pub 10.0.0.2/24
ns_link d1 eth0 br-pub 10.0.0.11/24
ns_link d1 eth1 br-priv 10.0.1.11/24
ns_link d2 eth0 br-pub 10.0.0.12/24
ns_link d2 eth1 br-priv 10.0.1.12/24
ns_link rs1 eth0 br-priv 10.0.1.2/24
ns_link rs2 eth0 br-priv 10.0.1.3/24
ip -n rs1 route add default via 10.0.1.1
ip -n rs2 route add default via 10.0.1.1
in_ns d1 sysctl -qw net.ipv4.ip_forward=1
in_ns d2 sysctl -qw net.ipv4.ip_forward=1
http_serve rs1 rs1
http_serve rs2 rs2

# 1. the primary alone takes the addresses after deadtime and fills its table
start_director d1
wait_until 60 holds_vips d1
echo "the primary holds the VIP and the NAT router address $(secs $WAITED) after its start"
wait_until 30 both_in d1
check 1-primary-active-with-both-servers both_in d1
check 1-primary-sync-daemon-master daemon_role d1 master

# 2. the backup hears it and stands by: no address, an empty table, sync daemon as backup
start_director d2
wait_until 60 standing_by_hearing d2
check 2-backup-standing-by standing_by_hearing d2
sleep ${DEADTIME_S}
check 2-backup-holds-nothing holds_none d2
check 2-backup-table-empty table_empty d2
check 2-backup-sync-daemon-backup daemon_role d2 backup
check_same 2-http-through-primary "2 rs1
2 rs2" "$(http_spread http://${VIP}/ 4 client)"

# 3. The primary dies: its lvs-run is killed (SIGKILL) and, as with a machine that crashed, its
#    links go down with it (its kernel would otherwise go on forwarding to the VIP). HTTP answers
#    again through the backup within deadtime + 2 s.
#    The client's own request time (processes started in the emulated CPU), measured through the
#    primary just before, is not the directors' and is added to the bound; so is the polling's
#    own blind spot: a request sent just before the backup took over waits out its 1 s timeout,
#    and the next starts 0.1 s later.
_t=$(cs)
answers
REQUEST=$(($(cs) - _t))
kill -KILL $PID_d1
ip -n d1 link set eth0 down
ip -n d1 link set eth1 down
wait_until 30 answers
echo "HTTP to the VIP answered again $(secs $WAITED) after the primary was killed (one request takes $(secs $REQUEST))"
check 3-http-back-within-deadtime-plus-2s test "$WAITED" -le $(((${DEADTIME_S} + 2) * 100 + REQUEST + 110))
check 3-backup-holds-the-addresses holds_vips d2
wait_until 30 both_in d2
check 3-backup-table-has-both-servers both_in d2
check 3-backup-sync-daemon-master daemon_role d2 master
check_same 3-http-through-backup "2 rs1
2 rs2" "$(http_spread http://${VIP}/ 4 client)"

# 4. the primary restarts: it drops what its killed run left, hears the backup, stays passive
ip -n d1 link set eth0 up
ip -n d1 link set eth1 up
start_director d1
wait_until 60 standing_by_hearing d1
check 4-restarted-primary-standing-by standing_by_hearing d1
check 4-restarted-primary-dropped-stale-addresses holds_none d1
sleep $((2 * ${DEADTIME_S}))
check 4-no-failback holds_vips d2
check 4-http-still-answers answers

# 5. SIGTERM both: exit 0, every address gone
kill -TERM $PID_d2
wait $PID_d2
check_same 5-backup-exit-status 0 "$?"
kill -TERM $PID_d1
wait $PID_d1
check_same 5-primary-exit-status 0 "$?"
check 5-addresses-gone sh -c 'holds_none() { ! nsenter --net=/run/netns/$1 ip -o -4 addr show | grep -qE " (${VIP}|10\.0\.1\.1)/24 "; }; holds_none d1 && holds_none d2'
check_same 5-nothing-on-stderr "" "$(cat /tmp/d1.err /tmp/d2.err)"
sed 's/^/@@LOG d1 /' /tmp/d1.log
sed 's/^/@@LOG d2 /' /tmp/d2.log
teardown
result
`;

test("failover on a real IPVS kernel: SIGKILL of the active director, HTTP back through the backup within deadtime + 2 s (one VM boot)", () => {
  const run = runLvsRunInVm(GUEST, LVS_CF, VM_TIMEOUT_S);
  assert.ok(run.ok, explain(run));
  assert.equal(
    run.checks.map((c) => c.name),
    [
      "1-primary-active-with-both-servers",
      "1-primary-sync-daemon-master",
      "2-backup-standing-by",
      "2-backup-holds-nothing",
      "2-backup-table-empty",
      "2-backup-sync-daemon-backup",
      "2-http-through-primary",
      "3-http-back-within-deadtime-plus-2s",
      "3-backup-holds-the-addresses",
      "3-backup-table-has-both-servers",
      "3-backup-sync-daemon-master",
      "3-http-through-backup",
      "4-restarted-primary-standing-by",
      "4-restarted-primary-dropped-stale-addresses",
      "4-no-failback",
      "4-http-still-answers",
      "5-backup-exit-status",
      "5-primary-exit-status",
      "5-addresses-gone",
      "5-nothing-on-stderr",
    ],
  );
  assert.ok(run.checks.every((c) => c.pass), explain(run));
  const events = (who: string) => [...run.output.matchAll(new RegExp(`^@@LOG ${who} (.*)$`, "gm"))].map((m) => (JSON.parse(m[1]!) as { event: string }).event);
  assert.ok(events("d2").includes("failover-active"), explain(run));
  assert.not.ok(events("d1").some((e) => /^(ipvsadm-|reconcile-failed|hard-shutdown|script-failed)/.test(e)), explain(run));
  assert.not.ok(events("d2").some((e) => /^(ipvsadm-|reconcile-failed|hard-shutdown|script-failed)/.test(e)), explain(run));
});

test.run();
