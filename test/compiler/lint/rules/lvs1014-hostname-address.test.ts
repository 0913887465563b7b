/** LVS1014 hostname-address: A host name where an address is expected; it is resolved when the daemons start. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS1014", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 12
primary = 192.168.1.10
backup = 192.168.1.11
rsh_command = ssh
syncd_iface = eth1
virtual web {
     active = 1
     address = 192.168.1.100 eth0:1
     send = "GET / HTTP/1.0\\r\\nHost: www.example.com\\r\\n\\r\\n"
     server web1.example.com {
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
      code: `serial_no = 12
primary = lvs1.example.com
backup = lvs2
nat_router = gw.example.com eth1:1
virtual web {
     active = 1
     address = www.example.com eth0:1
     server web1 {
         address = web1
         active = 1
     }
}
`,
      errors: [
        { line: 2, column: 11, endLine: 2, endColumn: 27, severity: "warning", message: "`lvs1.example.com` is a host name: pulse and lvsd look it up" },
        { line: 3, column: 10, endLine: 3, endColumn: 14, severity: "warning", message: "`lvs2` is a host name: pulse and lvsd look it up every time" },
        { line: 4, column: 14, endLine: 4, endColumn: 28, severity: "warning", message: "`gw.example.com` is a host name: pulse and lvsd look it up" },
        { line: 7, column: 16, endLine: 7, endColumn: 31, severity: "warning", message: "`www.example.com` is a host name: pulse and lvsd look it up" },
        { line: 9, column: 20, endLine: 9, endColumn: 24, severity: "warning", message: "`web1` is a host name: pulse and lvsd look it up every time" },
      ],
    },
  ],
});
