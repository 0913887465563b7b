/** LVS2009 duplicate-real-server: The same real-server address and port twice in one virtual server; lvsd monitors only one of them. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { lintText } from "../../../../compiler/lint/engine.ts";
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2009", {
  valid: [
    {
      name: "One host runs two instances on different ports; the same hosts serve two virtual servers",
      code: `# One host runs two instances on different ports; the same hosts serve two virtual servers.
serial_no = 8
primary = 192.168.10.2
service = lvs
backup_active = 1
backup = 192.168.10.3
keepalive = 6
deadtime = 18
network = nat
nat_router = 10.0.0.254 eth1:1
nat_nmask = 255.255.255.0
virtual app {
     active = 1
     address = 192.168.10.100 eth0:1
     vip_nmask = 255.255.255.0
     port = 80
     send = "GET /health HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server app1-a {
         address = 10.0.0.11
         active = 1
         port = 8080
         weight = 1
     }
     server app1-b {
         address = 10.0.0.11
         active = 1
         port = 8081
         weight = 1
     }
     server app2 {
         address = 10.0.0.12
         active = 1
         port = 8080
         weight = 1
     }
}
virtual admin {
     active = 1
     address = 192.168.10.100 eth0:1
     vip_nmask = 255.255.255.0
     port = 443
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server app1 {
         address = 10.0.0.11
         active = 1
         port = 8443
         weight = 1
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 8
primary = 192.168.10.2
service = lvs
network = nat
nat_router = 10.0.0.254 eth1:1
nat_nmask = 255.255.255.0
virtual app {
     active = 1
     address = 192.168.10.100 eth0:1
     port = 80
     server app1 {
         address = 10.0.0.11
         active = 1
         weight = 1
     }
     server app2 {
         address = 10.0.0.12
         active = 1
     }
     server app1-big {
         address = 10.0.0.11
         active = 1
         weight = 4
     }
     server app2-spare {
         address = 10.0.0.12
         active = 0
         port = 80
     }
     server old1 {
         address = 10.0.0.13
         active = 0
     }
     server old2 {
         address = 10.0.0.13
         active = 0
     }
}
`,
      errors: [
        { line: 21, column: 10, endLine: 21, endColumn: 29, severity: "error", message: "`server app1-big` repeats 10.0.0.11:80 of `server app1` (line" },
        { line: 26, column: 10, endLine: 26, endColumn: 29, severity: "error", message: "`server app2-spare` repeats 10.0.0.12:80 of `server app2` (line" },
      ],
    },
  ],
});

test("LVS2009 duplicate-real-server: a pool of any size reports each repeat at its address, against the first server it repeats", () => {
  for (const size of [5, 16, 17, 40]) {
    const servers = Array.from({ length: size }, (_, i) => {
      // The last server repeats the third one; the one before it has the third's address on another port.
      const address = i === size - 1 || i === size - 2 ? "10.0.0.3" : `10.0.0.${i + 1}`;
      const port = i === size - 2 ? "\n         port = 8080" : "";
      return `     server rs${i} {\n         address = ${address}\n         active = 1${port}\n     }`;
    });
    const text = `primary = 10.0.0.250\nvirtual web {\n     active = 1\n     address = 192.168.1.1 eth0:1\n${servers.join("\n")}\n}\n`;
    const found = lintText(text).diagnostics.filter((d) => d.ruleId === "LVS2009");
    const lastAddressLine = text.split("\n").lastIndexOf("         address = 10.0.0.3") + 1;
    assert.equal(
      found.map((d) => [d.line, /of `server (rs\d+)`/.exec(d.message)?.[1]]),
      [[lastAddressLine, "rs2"]],
      `pool of ${size}`,
    );
  }
});

test.run();
