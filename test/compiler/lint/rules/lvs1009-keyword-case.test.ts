/** LVS1009 keyword-case: A keyword or enumerated value in the wrong letter case (`Primary`, `WLC`, `TCP`); Piranha is case-sensitive. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS1009", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 12
primary = 192.168.1.10
network = nat
virtual WEB {
     active = 1
     address = 192.168.1.100 eth0:1
     scheduler = wlc
     protocol = "tcp"
     send = "TCP"
     server A {
         address = 10.0.0.1
         active = 1
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `Primary = 192.168.1.10
network = NAT
Virtual web {
     active = 1
     address = 192.168.1.100 eth0:1
     Scheduler = WLC
     protocol = TCP
     Server web1 {
         Address = 10.0.0.1
         active = 1
     }
}
virtual dns {
     active = 1
     address = 192.168.1.101 eth0:2
     scheduler = "WLC"
     protocol = Udp
}
`,
      errors: [
        { line: 1, column: 1, endLine: 1, endColumn: 8, severity: "error", message: "Keywords are case-sensitive: Piranha knows `primary`, not" },
        { line: 2, column: 11, endLine: 2, endColumn: 14, severity: "error", message: "Values of `network` are case-sensitive: Piranha accepts `nat`," },
        { line: 3, column: 1, endLine: 3, endColumn: 8, severity: "error", message: "Keywords are case-sensitive: Piranha knows `virtual`, not" },
        { line: 6, column: 6, endLine: 6, endColumn: 15, severity: "error", message: "Keywords are case-sensitive: Piranha knows `scheduler`, not" },
        { line: 6, column: 18, endLine: 6, endColumn: 21, severity: "error", message: "Values of `scheduler` are case-sensitive: Piranha accepts" },
        { line: 7, column: 17, endLine: 7, endColumn: 20, severity: "error", message: "Values of `protocol` are case-sensitive: Piranha accepts `tcp`," },
        { line: 8, column: 6, endLine: 8, endColumn: 12, severity: "error", message: "Keywords are case-sensitive: Piranha knows `server`, not" },
        { line: 9, column: 10, endLine: 9, endColumn: 17, severity: "error", message: "Keywords are case-sensitive: Piranha knows `address`, not" },
        { line: 16, column: 18, endLine: 16, endColumn: 23, severity: "error", message: "Values of `scheduler` are case-sensitive: Piranha accepts" },
        { line: 17, column: 17, endLine: 17, endColumn: 20, severity: "error", message: "Values of `protocol` are case-sensitive: Piranha accepts `udp`," },
      ],
    },
  ],
});
