/** LVS1019 file-too-large: A file so large that Piranha's parser crawls (from 4 MiB) or crashes (from 8 MiB). */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { lintText } from "../../../../compiler/lint/engine.ts";
import type { Diagnostic } from "../../../../compiler/lint/types.ts";
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS1019", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 12
primary = 192.168.1.10
service = lvs
backup_active = 1
backup = 192.168.1.11
heartbeat_port = 539
keepalive = 6
deadtime = 18
network = nat
nat_router = 10.0.0.254 eth1:1
nat_nmask = 255.255.255.0
virtual web {
     active = 1
     address = 192.168.1.100 eth0:1
     vip_nmask = 255.255.255.0
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     use_regex = 0
     load_monitor = none
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     quiesce_server = 0
     server web1 {
         address = 10.0.0.1
         active = 1
         weight = 1
     }
     server web2 {
         address = 10.0.0.2
         active = 1
         weight = 2
     }
}
`,
    },
  ],
  invalid: [

  ],
});

// No multi-megabyte files in the repository: the large inputs are built here.
const MIB = 1024 * 1024;
const findings = (text: string): Diagnostic[] => lintText(text).diagnostics.filter((d) => d.ruleId === "LVS1019");
const brief = (d: Diagnostic) => ({ ruleId: d.ruleId, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn, severity: d.severity });
/** A valid file of exactly `bytes` UTF-8 bytes, padded with comment lines of `pad` characters. */
function bigFile(bytes: number, pad = "x"): string {
  const head = "serial_no = 1\nvirtual web {\n     active = 1\n     address = 192.168.1.100 eth0:1\n}\n";
  const padBytes = Buffer.byteLength(pad, "utf8");
  const lineChars = 63;
  const line = `# ${pad.repeat(lineChars)}\n`;
  const lineBytes = Buffer.byteLength(line, "utf8");
  let rest = bytes - Buffer.byteLength(head, "utf8");
  const full = Math.floor(rest / lineBytes);
  rest -= full * lineBytes;
  // The last line: "#" plus ASCII filler to hit the size exactly.
  const tail = rest > 0 ? "#" + "y".repeat(Math.max(0, rest - 2)) + (rest >= 2 ? "\n" : "") : "";
  const text = head + line.repeat(full) + tail;
  assert.is(Buffer.byteLength(text, "utf8"), bytes, `bigFile(${bytes}, ${padBytes}-byte pad)`);
  return text;
}

test("LVS1019 file-too-large: nothing below 4 MiB", () => {
  assert.equal(findings(bigFile(4 * MIB - 1)).map(brief), []);
});

test("LVS1019 file-too-large: a warning from 4 MiB", () => {
  const expected = [{ ruleId: "LVS1019", line: 1, column: 1, endLine: 1, endColumn: 1, severity: "warning" }];
  assert.equal(findings(bigFile(4 * MIB)).map(brief), expected);
  assert.equal(findings(bigFile(Math.round(6.5 * MIB))).map(brief), expected);
});

test("LVS1019 file-too-large: an error from 8 MiB", () => {
  const expected = [{ ruleId: "LVS1019", line: 1, column: 1, endLine: 1, endColumn: 1, severity: "error" }];
  assert.equal(findings(bigFile(8 * MIB - 1)).map((d) => d.severity), ["warning"]);
  assert.equal(findings(bigFile(8 * MIB)).map(brief), expected);
  assert.equal(findings(bigFile(9 * MIB)).map(brief), expected);
});

test("LVS1019 file-too-large: counts UTF-8 bytes, not characters", () => {
  // 4 MiB of bytes in about 2.1 million characters (é is two bytes).
  const text = bigFile(4 * MIB, "é");
  assert.ok(text.length < 4 * MIB);
  assert.equal(findings(text).map((d) => d.severity), ["warning"]);
});

test.run();
