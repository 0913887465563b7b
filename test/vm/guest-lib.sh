# shellcheck shell=sh
# Sourced by guest scripts in the VM (/usr/local/lib/vmtest.sh): checks, namespaces, HTTP.
# A check prints "@@CHECK PASS NAME" or "@@CHECK FAIL NAME"; result prints the "@@RESULT" line.

VMTEST_LOG=/tmp/vmtest.checks
: >>"$VMTEST_LOG"

pass() { echo "@@CHECK PASS $1"; echo "PASS $1" >>"$VMTEST_LOG"; }
fail() { echo "@@CHECK FAIL $1"; echo "FAIL $1" >>"$VMTEST_LOG"; }

# check NAME COMMAND...: passes when COMMAND succeeds
check() {
  _name=$1
  shift
  if "$@"; then pass "$_name"; else fail "$_name"; fi
}

# check_exit NAME STATUS COMMAND...: passes when COMMAND exits with STATUS
check_exit() {
  _name=$1 _want=$2
  shift 2
  "$@"
  _got=$?
  if [ "$_got" -eq "$_want" ]; then pass "$_name"; else echo "$_name: exit status $_got, not $_want"; fail "$_name"; fi
}

# check_same NAME EXPECTED ACTUAL: passes when both texts are equal, else shows both
check_same() {
  if [ "$2" = "$3" ]; then
    pass "$1"
  else
    printf '%s: expected\n%s\n%s: actual\n%s\n' "$1" "$2" "$1" "$3"
    fail "$1"
  fi
}

# result: "@@RESULT PASS" when at least one check ran and none failed
result() {
  _passed=$(grep -c '^PASS ' "$VMTEST_LOG")
  _failed=$(grep -c '^FAIL ' "$VMTEST_LOG")
  if [ "$_failed" -eq 0 ] && [ "$_passed" -gt 0 ]; then
    echo "@@RESULT PASS passed=$_passed"
  else
    echo "@@RESULT FAIL passed=$_passed failed=$_failed"
  fi
}

# Namespaces joined by bridges of the VM's own network namespace.
ns_add() {
  for _ns; do
    ip netns add "$_ns"
    ip -n "$_ns" link set lo up
  done
}

bridge_add() {
  for _br; do
    ip link add "$_br" type bridge
    ip link set "$_br" up
  done
}

# ns_link NS IFNAME BRIDGE [CIDR...]: a veth pair, IFNAME in NS, its peer on BRIDGE
VMTEST_LINKS=0
ns_link() {
  VMTEST_LINKS=$((VMTEST_LINKS + 1))
  _peer=veth$VMTEST_LINKS
  ip link add "$_peer" type veth peer name "$2" netns "$1"
  ip link set "$_peer" master "$3" up
  ip -n "$1" link set "$2" up
  _ns=$1 _if=$2
  shift 3
  for _cidr; do ip -n "$_ns" addr add "$_cidr" dev "$_if"; done
}

# in_ns NS COMMAND...: COMMAND in NS's network (cheaper than ip netns exec; /sys stays the VM's)
in_ns() {
  _ns=$1
  shift
  nsenter --net="/run/netns/$_ns" "$@"
}

# teardown: every namespace (and what runs in it) and every bridge goes
teardown() {
  for _ns in $(ip netns list | cut -d' ' -f1); do
    for _pid in $(ip netns pids "$_ns"); do kill "$_pid" 2>/dev/null; done
    ip netns del "$_ns"
  done
  for _br in $(ip -o link show type bridge | cut -d: -f2); do ip link del "$_br"; done
}

# http_serve NS BODY [PORT]: busybox httpd in NS answering BODY on PORT (80)
http_serve() {
  _root=/srv/$1-${3:-80}
  mkdir -p "$_root"
  echo "$2" >"$_root/index.html"
  in_ns "$1" httpd -p "${3:-80}" -h "$_root"
}

# http_get NS URL: the body, or nothing after 5 s
http_get() {
  in_ns "$1" timeout 5 wget -q -O - "$2" 2>/dev/null
}

# http_spread URL N NS...: N requests from each NS, then one line per distinct body with
# its count ("2 rs1"), NO-ANSWER for requests that got none
http_spread() {
  _url=$1 _n=$2
  shift 2
  for _ns; do
    _i=0
    while [ "$_i" -lt "$_n" ]; do
      _body=$(http_get "$_ns" "$_url")
      echo "${_body:-NO-ANSWER}"
      _i=$((_i + 1))
    done
  done | sort | uniq -c | sed 's/^ *//'
}

# ns_state NS: what a start/stop pair must leave as it was (addresses, routes, rules, settings)
ns_state() {
  # shellcheck disable=SC2016 # expanded by the inner shell
  in_ns "$1" sh -c '
    ip -o -4 addr show | awk "{ print \$2, \$4 }"
    ip -4 route show table all
    iptables-save | grep -E "^(-A|:[^ ]+ -)"
    arptables-save | grep "^-A"
    cd /proc/sys/net/ipv4 && grep -Hs . ip_forward conf/*/arp_ignore conf/*/arp_announce conf/*/rp_filter vs/*
    ipvsadm -Sn
    ipvsadm -L --timeout'
}

# cs: centiseconds of uptime
cs() { awk '{ printf "%d\n", $1 * 100 }' /proc/uptime; }

# wait_until SECONDS COMMAND...: polls COMMAND every 0.1 s until it succeeds or SECONDS pass;
# WAITED is the time taken, in centiseconds
wait_until() {
  _limit=$(($1 * 100))
  shift
  _start=$(cs)
  while :; do
    if "$@"; then _ok=0; break; fi
    if [ $(($(cs) - _start)) -ge "$_limit" ]; then _ok=1; break; fi
    sleep 0.1
  done
  WAITED=$(($(cs) - _start))
  return "$_ok"
}

# secs CENTISECONDS: "1.23 s"
secs() { printf '%d.%02d s' $(($1 / 100)) $(($1 % 100)); }
