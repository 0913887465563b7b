/**
 * lvs-run's life cycle on a real IPVS kernel, in one VM boot: a NAT director and two real
 * servers in namespaces, busybox httpd in each, and lvs-run (the host's node, over the VM's
 * virtio-9p share of the host's root) driving the real ipvsadm. The table is read with
 * `ipvsadm -Sn` at every step: both servers come in at 1/32 of their weight, a killed httpd
 * takes its server out at the next check, a restarted one returns after `reentry`, HTTP to the
 * VIP reaches exactly the servers in the table, slow start doubles a weight with `ipvsadm -e`,
 * a server deleted by hand with `ipvsadm -d` is put back at the next resync (3 s here), and
 * SIGTERM removes the service. Timing bounds allow for TCG, where every ipvsadm run costs
 * a few hundred milliseconds.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { explain, runLvsRunInVm } from "./harness.ts";

const VIP = "10.0.0.10";
const RS1 = "10.0.1.2";
const RS2 = "10.0.1.3";
/** Whole VM run, image build and boot included. */
const VM_TIMEOUT_S = 200;

/** One NAT virtual server, checked every second; two successes re-admit a server. */
const LVS_CF = `serial_no = 1
primary = 10.0.0.1
service = lvs
backup_active = 0
network = nat
nat_router = 10.0.1.1 eth1:1
nat_nmask = 255.255.255.0
virtual web {
     active = 1
     address = ${VIP} eth0:1
     vip_nmask = 255.255.255.255
     port = 80
     scheduler = rr
     protocol = tcp
     timeout = 1
     reentry = 2
     quiesce_server = 0
     server rs1 {
         address = ${RS1}
         active = 1
         weight = 64
     }
     server rs2 {
         address = ${RS2}
         active = 1
         weight = 100
     }
}
`;

/** nanny's first weight, weight >> 5 (at least 1), and the first slow-start step, doubled. */
const W1 = 64 >> 5;
const W2 = 100 >> 5;
const W2_DOUBLED = 2 * W2;

const GUEST = String.raw`
. /usr/local/lib/vmtest.sh

SERVICE="-A -t ${VIP}:80 -s rr"

# dest ADDRESS WEIGHT: the line ipvsadm -Sn prints for a real server of the service
dest() { printf -- '-a -t ${VIP}:80 -r %s:80 -m -w %s\n' "$1" "$2"; }
table() { in_ns director ipvsadm -Sn | sort; }
has() { in_ns director ipvsadm -Sn | grep -qF -- "-r $1:80 "; }
lacks() { ! has "$1"; }
has_line() { in_ns director ipvsadm -Sn | grep -qxF -- "$1"; }
both_in() { has ${RS1} && has ${RS2}; }
service_gone() { test -z "$(in_ns director ipvsadm -Sn)"; }
sorted() { printf '%s\n' "$@" | sort; }

# client 10.0.0.2 -- director 10.0.0.1, VIP ${VIP} | 10.0.1.1 -- rs1 ${RS1}, rs2 ${RS2}
bridge_add br-pub br-priv
ns_add client director rs1 rs2
ns_link client eth0 br-pub 10.0.0.2/24
ns_link director eth0 br-pub 10.0.0.1/24 ${VIP}/32
ns_link director eth1 br-priv 10.0.1.1/24
ns_link rs1 eth0 br-priv ${RS1}/24
ns_link rs2 eth0 br-priv ${RS2}/24
ip -n client route add default via 10.0.0.1
ip -n rs1 route add default via 10.0.1.1
ip -n rs2 route add default via 10.0.1.1
in_ns director sysctl -qw net.ipv4.ip_forward=1
http_serve rs1 rs1
http_serve rs2 rs2
check_same setup-httpd-answers "rs1 rs2" "$(http_get director http://${RS1}/) $(http_get director http://${RS2}/)"
check_same setup-table-empty "" "$(table)"

# The real ipvsadm, in the director's namespace; nsenter execs node, so LVS_PID is lvs-run's.
nsenter --net=/run/netns/director node /payload/lvs-run.js --standalone --resync 3 --state-dir /tmp/st --log-format json /payload/bundle >/tmp/lvs-run.log 2>/tmp/lvs-run.err &
LVS_PID=$!

# 1. both real servers come in, at weight/32
wait_until 60 both_in
echo "both real servers in the table $(secs $WAITED) after lvs-run started"
check_same 1-both-in-at-initial-weight "$(sorted "$SERVICE" "$(dest ${RS1} ${W1})" "$(dest ${RS2} ${W2})")" "$(table)"

# 2. lvs-run status (the weights may have doubled by now on a slow host)
status=$(in_ns director node /payload/lvs-run.js status --state-dir /tmp/st)
echo "$status"
both_up() {
  printf '%s\n' "$status" | grep -q "^  ${RS1}:80 up weight [0-9]* last ok" &&
    printf '%s\n' "$status" | grep -q "^  ${RS2}:80 up weight [0-9]* last ok"
}
check 2-status-both-up both_up

# 3. rs1's httpd killed: out at its next check, a second later at most, plus the time TCG takes
#    to run ipvsadm twice (read, delete)
for pid in $(ip netns pids rs1); do kill "$pid"; done
if wait_until 10 lacks ${RS1}; then echo "rs1 left the table $(secs $WAITED) after its httpd was killed"; fi
check 3-killed-server-out-within-3s test "$WAITED" -le 300
check 3-other-server-stays has ${RS2}
check_same 5-http-killed-server-skipped "4 rs2" "$(http_spread http://${VIP}/ 4 client)"

# 4. rs1's httpd back: in again after reentry / timeout = 2 successful checks. httpd logs each
#    request before it answers, so when rs1 is back the log holds at least 2 of the director's
#    checks. The time bound leaves room for TCG (up to about 1 s per reconcile).
in_ns rs1 httpd -f -v -p 80 -h /srv/rs1-80 2>/tmp/rs1-httpd.log &
checks_seen() { grep -c 'ffff:10\.0\.1\.1\]:[0-9]*: response:200' /tmp/rs1-httpd.log; }
wait_until 10 has ${RS1}
seen=$(checks_seen)
echo "rs1 back in the table $(secs $WAITED) after its httpd restarted, after $seen successful checks"
check 4-restarted-server-back-within-8s test "$WAITED" -le 800
check 4-readmitted-after-2-successful-checks test "$seen" -ge 2
check 4-restarted-server-at-initial-weight has_line "$(dest ${RS1} ${W1})"

# 5. HTTP to the VIP reaches both
check_same 5-http-both-servers "2 rs1
2 rs2" "$(http_spread http://${VIP}/ 4 client)"

# slow start: rs2's weight doubles about 20 checks after it came in (ipvsadm -e)
if wait_until 40 has_line "$(dest ${RS2} ${W2_DOUBLED})"; then echo "rs2 at weight ${W2_DOUBLED} $(secs $WAITED) later"; fi
check 5-slow-start-doubles-weight has_line "$(dest ${RS2} ${W2_DOUBLED})"

# 5b. rs2 deleted by hand on the real kernel: put back within the resync period (3 s, a TCG VM's slack)
in_ns director ipvsadm -d -t ${VIP}:80 -r ${RS2}:80
check 5b-deleted-by-hand lacks ${RS2}
if wait_until 15 has ${RS2}; then echo "rs2 put back $(secs $WAITED) after it was deleted by hand"; fi
check 5b-put-back-within-8s test "$WAITED" -le 800

# 6. SIGTERM: lvs-run deletes the service and exits 0
(sleep 20; kill -KILL $LVS_PID 2>/dev/null) &
watchdog=$!
kill -TERM $LVS_PID
wait $LVS_PID
rc=$?
kill $watchdog 2>/dev/null
check_same 6-sigterm-exit-status 0 "$rc"
check 6-service-gone service_gone
table
check_exit 6-status-after-stop 1 in_ns director node /payload/lvs-run.js status --state-dir /tmp/st

echo "--- lvs-run standard error"
cat /tmp/lvs-run.err
check_same 6-nothing-on-stderr "" "$(cat /tmp/lvs-run.err)"
sed 's/^/@@LOG /' /tmp/lvs-run.log
teardown
result
`;

interface LogLine {
  event: string;
  message: string;
  server?: string;
}

test("lvs-run on a real IPVS kernel: servers in, out on failure, back after reentry, gone on SIGTERM (one VM boot)", () => {
  const run = runLvsRunInVm(GUEST, LVS_CF, VM_TIMEOUT_S);
  assert.ok(run.ok, explain(run));
  assert.equal(
    run.checks.map((c) => c.name),
    [
      "setup-httpd-answers",
      "setup-table-empty",
      "1-both-in-at-initial-weight",
      "2-status-both-up",
      "3-killed-server-out-within-3s",
      "3-other-server-stays",
      "5-http-killed-server-skipped",
      "4-restarted-server-back-within-8s",
      "4-readmitted-after-2-successful-checks",
      "4-restarted-server-at-initial-weight",
      "5-http-both-servers",
      "5-slow-start-doubles-weight",
      "5b-deleted-by-hand",
      "5b-put-back-within-8s",
      "6-sigterm-exit-status",
      "6-service-gone",
      "6-status-after-stop",
      "6-nothing-on-stderr",
    ],
  );
  assert.ok(run.checks.every((c) => c.pass), explain(run));

  // lvs-run's own account: JSON lines, the same life cycle, no failed ipvsadm call.
  const log = [...run.output.matchAll(/^@@LOG (.*)$/gm)].map((m) => JSON.parse(m[1]!) as LogLine);
  const events = log.map((l) => (l.server ? `${l.event} ${l.server}` : l.event));
  const account = log.map((l) => JSON.stringify(l)).join("\n");
  const failures = events.filter((e) => /^(ipvsadm-|reconcile-failed|hard-shutdown)/.test(e));
  assert.equal(failures, [], `lvs-run logged failures:\n${account}`);
  assert.is(events[0], "start", account);
  const transitions = events.filter((e) => e.startsWith("server-"));
  assert.equal(transitions.slice(0, 2).sort(), [`server-up ${RS1}:80`, `server-up ${RS2}:80`], account);
  assert.equal(transitions.slice(2), [`server-down ${RS1}:80`, `server-up ${RS1}:80`], account);
  assert.is(events.at(-1), "stop", account);
  assert.ok(events.includes("repair"), `the deletion by hand is logged as a repair:\n${account}`);
});

test.run();
