#!/usr/bin/env bash
# Boots a stock Debian kernel, which has IPVS, under QEMU (TCG, no KVM) and runs a test script
# inside it.
#
#   test/vm/ipvs-vm.sh GUEST_SCRIPT [PAYLOAD_DIR]
#
# The guest is a busybox userland plus the real ip, ipvsadm, iptables(-save|-restore) and
# arptables (nft), sysctl, modprobe, bash and dash; /bin/sh is dash. PAYLOAD_DIR is copied to
# /payload, GUEST_SCRIPT runs there with sh and can source /usr/local/lib/vmtest.sh. The VM has
# no network device. Everything the guest prints goes to standard output; the exit status is 0
# only when the guest's last "@@RESULT" line is "@@RESULT PASS".
#
# With VM_HOST_ROOT=1 the host's root filesystem is also shared read-only over virtio-9p and
# mounted at /host in the guest, and /usr/local/bin/node runs the host's node from there
# (through the host's dynamic loader and libraries, all under /host). Without it the guest sees
# nothing of the host.
#
# Environment:
#   VM_TIMEOUT     seconds for the whole run, build included (240)
#   VM_WORK        cache of kernels and images (${TMPDIR:-/tmp}/lvs-toolchain-vm)
#   VM_KERNEL_PKG  Debian kernel package (the one linux-image-amd64 depends on)
#   VM_MEM         guest memory in MiB (512; 1024 with VM_HOST_ROOT=1)
#   VM_HOST_ROOT   1: the host's / read-only at /host, and node in the guest's PATH
#   VM_NODE        the host's node for VM_HOST_ROOT (the one in PATH)
set -euo pipefail

VM_TIMEOUT=${VM_TIMEOUT:-240}
if [ -z "${IPVS_VM_BOUNDED:-}" ] && command -v timeout >/dev/null; then
  IPVS_VM_BOUNDED=1 exec timeout -k 5 "$VM_TIMEOUT" "$BASH" "$0" "$@"
fi

HERE=$(cd "$(dirname "$0")" && pwd)
WORK=${VM_WORK:-${TMPDIR:-/tmp}/lvs-toolchain-vm}
HOST_ROOT=${VM_HOST_ROOT:-0}
case $HOST_ROOT in 0 | 1) ;; *) printf 'ipvs-vm: VM_HOST_ROOT takes 0 or 1, not %s\n' "$HOST_ROOT" >&2; exit 2 ;; esac
if [ "$HOST_ROOT" = 1 ]; then MEM=${VM_MEM:-1024}; else MEM=${VM_MEM:-512}; fi

log() { printf 'ipvs-vm: %s\n' "$*" >&2; }
die() { log "$*"; exit 2; }

if [ $# -lt 1 ] || [ $# -gt 2 ]; then die "usage: $0 GUEST_SCRIPT [PAYLOAD_DIR]"; fi
GUEST=$1
PAYLOAD=${2:-}
[ -f "$GUEST" ] || die "no guest script $GUEST"
[ -z "$PAYLOAD" ] || [ -d "$PAYLOAD" ] || die "no payload directory $PAYLOAD"

# command:Debian package
NEEDS="qemu-system-x86_64:qemu-system-x86 busybox:busybox-static ipvsadm:ipvsadm iptables:iptables
  arptables:arptables ip:iproute2 kmod:kmod depmod:kmod cpio:cpio sysctl:procps dash:dash bash:bash
  timeout:coreutils env:coreutils xargs:findutils find:findutils setsid:util-linux flock:util-linux
  nsenter:util-linux dpkg-deb:dpkg apt-get:apt apt-cache:apt ldd:libc-bin"
missing=() packages=()
for need in $NEEDS; do
  if ! command -v "${need%%:*}" >/dev/null; then
    missing+=("${need%%:*}")
    packages+=("${need#*:}")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  die "missing ${missing[*]}; install with: apt-get install -y --no-install-recommends ${packages[*]}"
fi
BUSYBOX=$(command -v busybox)
if ldd "$BUSYBOX" >/dev/null 2>&1; then die "$BUSYBOX is not static; install busybox-static"; fi
XTABLES=$(readlink -f "$(command -v iptables)")
case $XTABLES in *nft*) ;; *) die "iptables is not the nf_tables variant (update-alternatives --set iptables /usr/sbin/iptables-nft)";; esac
[ "$(readlink -f "$(command -v arptables)")" = "$XTABLES" ] ||
  die "arptables is not the nf_tables variant (update-alternatives --set arptables /usr/sbin/arptables-nft)"

mkdir -p "$WORK"
exec 9>"$WORK/.lock"
flock 9

# --- kernel: Debian's package, downloaded and unpacked, never installed
KPKG=${VM_KERNEL_PKG:-$(apt-cache depends linux-image-amd64 2>/dev/null |
  awk '/Depends: linux-image-[0-9]/ { print $2; exit }')}
[ -n "$KPKG" ] || die "apt knows no linux-image-amd64 (run apt-get update)"
KVER=${KPKG#linux-image-}
KDIR=$WORK/kernel-$KVER
if [ ! -f "$KDIR/.done" ]; then
  log "fetching $KPKG"
  rm -rf "$WORK"/kernel-* "$WORK/deb"
  mkdir -p "$KDIR" "$WORK/deb"
  as_root=()
  [ "$(id -u)" = 0 ] && as_root=(-o APT::Sandbox::User=root)
  (cd "$WORK/deb" && apt-get download -q "${as_root[@]}" "$KPKG" >&2) || die "apt-get download $KPKG failed"
  dpkg-deb -x "$WORK"/deb/"$KPKG"_*.deb "$KDIR"
  rm -rf "$WORK/deb"
  depmod -b "$KDIR" "$KVER"
  touch "$KDIR/.done"
fi

# --- base image: everything but the guest script and the payload
MODULES="ip_vs ip_vs_rr ip_vs_wrr ip_vs_lc ip_vs_wlc ip_vs_sh ip_vs_dh ip_vs_mh ip_vs_sed ip_vs_nq
  ip_vs_lblc ip_vs_lblcr ip_vs_fo ip_vs_ovf ip_vs_ftp xt_ipvs
  veth bridge dummy ipip tunnel4 ip_tunnel
  nf_tables nft_compat nft_chain_nat nft_nat nft_masq nft_ct nft_reject_inet nft_fib_inet
  x_tables xt_mark xt_tcpudp xt_multiport xt_conntrack xt_state xt_comment xt_addrtype xt_iprange
  xt_MASQUERADE xt_nat xt_LOG xt_connmark ipt_REJECT arpt_mangle
  virtio_pci 9pnet_virtio 9p"
PRELOAD="ip_vs veth bridge nf_tables nft_compat x_tables xt_mark xt_tcpudp xt_multiport arpt_mangle"
KEY=$(cat "$0" "$HERE/guest-lib.sh" | md5sum | cut -c1-12)
BASE=$WORK/base-$KVER-$KEY.cpio

copy_with_libs() { # SOURCE [DEST]: a binary and the shared libraries it loads
  local src=$1 dst=${2:-$1} lib
  install -D -m755 "$(readlink -f "$src")" "$R$dst"
  ldd "$src" 2>/dev/null | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\//) print $i }' |
    while read -r lib; do
      [ -e "$R$lib" ] || install -D -m755 "$(readlink -f "$lib")" "$R$lib"
    done
}

build_base() {
  R=$WORK/root
  rm -rf "$R"
  mkdir -p "$R"/{bin,sbin,lib,lib64,usr/bin,usr/sbin,usr/local/lib,etc,proc,sys,dev,run,tmp,root,srv,var,payload}
  ln -s ../run "$R/var/run"

  copy_with_libs "$(command -v dash)" /bin/dash
  ln -s dash "$R/bin/sh"
  copy_with_libs "$(command -v bash)" /bin/bash
  copy_with_libs "$(command -v ipvsadm)" /usr/sbin/ipvsadm
  copy_with_libs "$(command -v ip)" /usr/sbin/ip
  copy_with_libs "$(command -v sysctl)" /usr/sbin/sysctl
  copy_with_libs "$XTABLES" /usr/sbin/xtables-nft-multi
  local n
  for n in iptables iptables-save iptables-restore ip6tables ip6tables-save ip6tables-restore \
           arptables arptables-save arptables-restore; do
    ln -s xtables-nft-multi "$R/usr/sbin/$n"
  done
  copy_with_libs "$(command -v kmod)" /usr/bin/kmod
  for n in modprobe insmod rmmod lsmod depmod modinfo; do ln -s ../usr/bin/kmod "$R/sbin/$n"; done
  # Busybox runs its own applet for any command it executes (timeout, env, xargs, ...) before
  # looking at PATH, so the tools that execute others are the real ones.
  # flock: util-linux's, as on a director (lvs-run locks its state directory with it).
  for n in timeout env xargs find setsid nsenter unshare chroot nice nohup flock; do
    if command -v "$n" >/dev/null; then copy_with_libs "$(command -v "$n")" "/usr/bin/$n"; fi
  done
  local xt
  for xt in /usr/lib/*/xtables /usr/lib/xtables; do
    [ -f "$xt/libxt_mark.so" ] && break
  done
  [ -f "$xt/libxt_mark.so" ] || die "no xtables extensions (libxt_mark.so) found"
  for n in "$xt"/*.so; do copy_with_libs "$n"; done

  install -m755 "$BUSYBOX" "$R/bin/busybox"
  # An applet link only where no real tool has the name; no busybox shell at all, since it
  # prefers its applets to PATH (a bare "ip" would be busybox's).
  for n in $("$BUSYBOX" --list); do
    case $n in sh|ash|hush|busybox) continue;; esac
    [ -e "$R/bin/$n" ] || [ -e "$R/sbin/$n" ] || [ -e "$R/usr/bin/$n" ] || [ -e "$R/usr/sbin/$n" ] ||
      ln -s busybox "$R/bin/$n"
  done

  cp /etc/protocols /etc/services "$R/etc/" 2>/dev/null || true
  [ -d /etc/iproute2 ] && cp -a /etc/iproute2 "$R/etc/"
  printf 'root:x:0:0:root:/root:/bin/sh\n' >"$R/etc/passwd"
  printf 'root:x:0:\n' >"$R/etc/group"
  printf '127.0.0.1 localhost\n' >"$R/etc/hosts"
  install -m644 "$HERE/guest-lib.sh" "$R/usr/local/lib/vmtest.sh"

  local mdir=$KDIR/lib/modules/$KVER ko
  mkdir -p "$R/lib/modules/$KVER"
  # shellcheck disable=SC2086
  modprobe -d "$KDIR" -S "$KVER" --show-depends -a $MODULES | awk '$1 == "insmod" { print $2 }' | sort -u |
    while read -r ko; do install -D -m644 "$ko" "$R/lib/modules/$KVER/${ko#"$mdir"/}"; done
  cp "$mdir"/modules.order "$mdir"/modules.builtin "$mdir"/modules.builtin.modinfo "$R/lib/modules/$KVER/"
  depmod -b "$R" "$KVER"

  cat >"$R/init" <<EOF
#!/bin/sh
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /tmp
ip link set lo up
modprobe -a $PRELOAD
if grep -q 'vm\.hostroot=1' /proc/cmdline; then
  mkdir -p /host
  if modprobe -a virtio_pci 9pnet_virtio 9p &&
     mount -t 9p -o ro,trans=virtio,version=9p2000.L,msize=262144,cache=loose hostroot /host; then
    echo "@@HOSTROOT mounted at /host"
  else
    echo "@@HOSTROOT FAIL the host's root filesystem could not be mounted at /host"
  fi
fi
budget=\$(sed -n 's/.*vm\.timeout=\([0-9]*\).*/\1/p' /proc/cmdline)
echo "@@BOOT kernel=\$(uname -r) uptime=\$(cut -d' ' -f1 /proc/uptime) budget=\${budget}s"
cd /payload
timeout -k 5 "\${budget:-120}" sh /guest.sh </dev/null 2>&1
rc=\$?
[ \$rc -ne 124 ] && [ \$rc -ne 137 ] || echo "@@RESULT FAIL guest script timed out after \${budget}s"
echo "@@END exit=\$rc uptime=\$(cut -d' ' -f1 /proc/uptime)"
poweroff -f
EOF
  chmod 755 "$R/init"

  rm -f "$WORK"/base-*.cpio
  (cd "$R" && find . | cpio -o -H newc -R 0:0 --quiet) >"$BASE.tmp"
  mv "$BASE.tmp" "$BASE"
  rm -rf "$R"
}

if [ ! -f "$BASE" ]; then
  log "building the base image for $KVER"
  build_base
fi

# --- the host's node, run in the guest from /host by the host's own loader and libraries
host_node() {
  local node loader lib dirs=()
  node=$(readlink -f "$(command -v "${VM_NODE:-node}")") || die "VM_HOST_ROOT=1: no node found (set VM_NODE)"
  [ -x "$node" ] || die "VM_HOST_ROOT=1: no node found (set VM_NODE)"
  loader=$(ldd "$node" | awk '$1 ~ /^\// && $2 ~ /^\(/ { print $1; exit }')
  [ -n "$loader" ] || die "VM_HOST_ROOT=1: $node names no dynamic loader (ldd)"
  loader=$(readlink -f "$loader")
  for lib in $(ldd "$node" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }'); do
    lib=$(dirname "$(readlink -f "$lib")")
    case " ${dirs[*]} " in *" /host$lib "*) ;; *) dirs+=("/host$lib") ;; esac
  done
  local IFS=:
  printf '#!/bin/sh\n# the host'"'"'s node (%s), from the 9p share at /host\n' "$node"
  printf 'exec /host%s --library-path %s /host%s "$@"\n' "$loader" "${dirs[*]}" "$node"
}

# --- this run's image: the base, then the guest script and the payload on top
RUN=$(mktemp -d "$WORK/run.XXXXXX")
trap 'rm -rf "$RUN"' EXIT
trap 'exit 124' TERM INT
mkdir -p "$RUN/root/payload"
install -m755 "$GUEST" "$RUN/root/guest.sh"
[ "$HOST_ROOT" = 0 ] || host_node >"$RUN/node"
[ "$HOST_ROOT" = 0 ] || install -D -m755 "$RUN/node" "$RUN/root/usr/local/bin/node"
[ -z "$PAYLOAD" ] || cp -R "$PAYLOAD"/. "$RUN/root/payload/"
(cd "$RUN/root" && find . | cpio -o -H newc -R 0:0 --quiet) >"$RUN/top.cpio"
cat "$BASE" "$RUN/top.cpio" >"$RUN/initrd.cpio"
# Held until here: a run of another version of this script removes this base image.
flock -u 9

# --- boot: the remaining time bounds QEMU; the guest script gets that less the boot
left=$((VM_TIMEOUT - SECONDS - 5))
budget=$((left - 30))
[ "$budget" -ge 10 ] || die "VM_TIMEOUT=$VM_TIMEOUT leaves no time to boot"
share=()
[ "$HOST_ROOT" = 0 ] ||
  share=(-fsdev "local,id=hostroot,path=/,security_model=none,readonly=on,multidevs=remap"
         -device "virtio-9p-pci,fsdev=hostroot,mount_tag=hostroot")
log "booting $KVER (${MEM} MiB, guest budget ${budget}s${share:+, host root at /host})"
set +e
timeout -k 5 "$left" qemu-system-x86_64 -nodefaults -no-user-config -display none -serial stdio \
  -nic none -no-reboot -m "$MEM" -smp 1 -accel "tcg,tb-size=128" "${share[@]}" \
  -kernel "$KDIR/boot/vmlinuz-$KVER" -initrd "$RUN/initrd.cpio" \
  -append "console=ttyS0 panic=-1 quiet loglevel=2 vm.timeout=$budget vm.hostroot=$HOST_ROOT" \
  </dev/null 2>&1 | sed -u 's/\r$//' | tee "$RUN/console.log"
qemu=${PIPESTATUS[0]}
set -e
[ "$qemu" -ne 124 ] || log "QEMU stopped after ${left}s"

result=$(grep '^@@RESULT' "$RUN/console.log" | tail -n1)
log "${result:-no @@RESULT line} (${SECONDS}s)"
case $result in "@@RESULT PASS" | "@@RESULT PASS "*) exit 0 ;; *) exit 1 ;; esac
