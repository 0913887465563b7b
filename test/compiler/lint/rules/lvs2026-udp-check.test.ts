/** LVS2026 udp-check: A UDP virtual server checked with `send` but no `expect` (nanny crashes on the reply), or without `send` (no reply ever comes). */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2026", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 31
primary = 192.168.60.56
service = lvs
network = direct
virtual dns {
     active = 1
     address = 192.168.60.200 eth0:1
     port = 53
     protocol = udp
     send = "ping"
     expect = "*"
     server ns1 {
         address = 192.168.60.132
         active = 1
     }
}
virtual sip {
     active = 1
     address = 192.168.60.201 eth0:2
     port = 5060
     protocol = udp
     send_program = "/usr/local/bin/test-sip-server.sh %h"
     expect = "OK"
     server sip1 {
         address = 192.168.60.133
         active = 1
     }
}
virtual proxy {
     active = 1
     address = 192.168.60.202 eth0:3
     port = 8080
     protocol = tcp
     send = "GET cache_object://localhost/info"
     server proxy1 {
         address = 192.168.60.134
         active = 1
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 32
primary = 192.168.60.56
service = lvs
network = direct
virtual syslog {
     active = 1
     address = 192.168.60.200 eth0:1
     port = 514
     protocol = udp
     send = "<14>lvs health check"
     server log1 {
         address = 192.168.60.132
         active = 1
     }
}
virtual dns {
     active = 1
     address = 192.168.60.201 eth0:2
     port = 53
     protocol = udp
     server ns1 {
         address = 192.168.60.133
         active = 1
     }
}
virtual ntp {
     active = 1
     address = 192.168.60.202 eth0:3
     port = 123
     protocol = udp
     expect = "*"
     server ntp1 {
         address = 192.168.60.134
         active = 1
     }
}
virtual quic {
     active = 1
     address = 192.168.60.203 eth0:4
     port = 80
     protocol = udp
     server web1 {
         address = 192.168.60.135
         active = 1
     }
}
`,
      errors: [
        { line: 10, column: 6, endLine: 10, endColumn: 35, severity: "error", message: "A UDP check in `virtual syslog` with `send` but no `expect`:" },
        { line: 20, column: 6, endLine: 20, endColumn: 20, severity: "error", message: "A UDP check in `virtual dns` with neither `send` nor `expect`:" },
        { line: 31, column: 6, endLine: 31, endColumn: 18, severity: "error", message: "A UDP check in `virtual ntp` with `expect` but no `send`: nanny" },
        { line: 41, column: 6, endLine: 41, endColumn: 20, severity: "error", message: "A UDP check in `virtual quic` with neither `send` nor `expect`:" },
      ],
    },
  ],
});
