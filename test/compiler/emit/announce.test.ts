/**
 * The director's gratuitous ARP on rhel5, run by dash with stand-ins for RHEL 5's tools: Piranha's
 * send_arp when it is there, with the device's MAC and broadcast as ifconfig 1.x prints them, as
 * pulse sends it; else iputils arping.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { announceFunction } from "../../../compiler/emit/addresses.ts";

/** RHEL 5's ifconfig (net-tools 1.60) for a device. */
const IFCONFIG = `eth0      Link encap:Ethernet  HWaddr 00:16:3E:11:22:33
          inet addr:192.168.1.2  Bcast:192.168.1.255  Mask:255.255.255.0
          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1
`;

function rig(withSendArp: boolean): { bin: string; log: string; run: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "lvs-announce-"));
  const log = join(dir, "log");
  const tool = (name: string, body: string): void => {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  };
  tool("ifconfig", `cat <<'EOF'\n${IFCONFIG}EOF`);
  tool("arping", `echo "arping $*" >>${log}`);
  if (withSendArp) tool("send_arp", `echo "send_arp $*" >>${log}`);
  const script = `${announceFunction("rhel5").join("\n")}\nannounce eth0 192.168.1.100\nwait\n`;
  return {
    bin: dir,
    log,
    run: () => {
      const r = spawnSync("dash", ["-c", script], { env: { PATH: `${dir}:/usr/bin:/bin`, LVS_SEND_ARP: join(dir, "send_arp") }, encoding: "utf8" });
      assert.is(r.status, 0, r.stderr);
    },
  };
}

test("rhel5: send_arp as pulse calls it, from ifconfig's MAC and broadcast", () => {
  const r = rig(true);
  r.run();
  assert.is(readFileSync(r.log, "utf8"), "send_arp -i eth0 192.168.1.100 00163E112233 192.168.1.255 ffffffffffff\n");
});

test("rhel5: without send_arp, one unsolicited ARP with arping", () => {
  const r = rig(false);
  r.run();
  assert.match(readFileSync(r.log, "utf8"), /^arping -q -U -c 1 -w 1 -I eth0 192\.168\.1\.100\n$/);
});

test.run();
