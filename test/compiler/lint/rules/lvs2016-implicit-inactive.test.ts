/** LVS2016 implicit-inactive: A virtual or real server without an `active` line, which Piranha reads as `active = 0`. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2016", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 8
primary = 192.168.60.56
service = lvs
network = direct
virtual web {
     active = 1
     address = 192.168.60.200 eth0:1
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     timeout = 6
     reentry = 15
     server web1 {
         address = 192.168.60.132
         active = 1
         weight = 1
     }
     server web2 {
         address = 192.168.60.144
         active = 0
         weight = 1
     }
}
virtual old {
     active = 0
     address = 192.168.60.201 eth0:2
     port = 80
     server web3 {
         address = 192.168.60.150
         active = 0
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 9
primary = 192.168.60.56
service = lvs
network = direct
virtual web {
     active = 1
     address = 192.168.60.200 eth0:1
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     server web1 {
         address = 192.168.60.132
         active = 1
     }
     server web2 {
         address = 192.168.60.144
         weight = 2
     }
}
virtual mail {
\taddress = 192.168.60.201 eth0:2
\tport = 25
\tserver mx1 {
\t\taddress = 192.168.60.133
\t}
}
virtual placeholder {
     server spare {
     }
}
`,
      errors: [
        { line: 15, column: 6, endLine: 15, endColumn: 19, severity: "warning", message: "`server web2` has no `active` line, so Piranha reads `active =" },
        { line: 20, column: 1, endLine: 20, endColumn: 15, severity: "warning", message: "`virtual mail` has no `active` line, so Piranha reads `active =" },
        { line: 23, column: 2, endLine: 23, endColumn: 14, severity: "warning", message: "`server mx1` has no `active` line, so Piranha reads `active =" },
        { line: 27, column: 1, endLine: 27, endColumn: 22, severity: "warning", message: "`virtual placeholder` has no `active` line, so Piranha reads" },
        { line: 28, column: 6, endLine: 28, endColumn: 20, severity: "warning", message: "`server spare` has no `active` line, so Piranha reads `active =" },
      ],
    },
  ],
});
