/** LVS2002 fwmark-without-persistence: A firewall-mark service without persistence: one client's connections to the grouped ports are spread over the real servers; with NAT, every port is sent to the one port each real server was added with. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2002", {
  valid: [
    {
      name: "Every firewall-mark service keeps a client on one real server; the plain web service needs no persistence",
      code: `# Every firewall-mark service keeps a client on one real server; the plain web service needs no persistence.
serial_no = 4
primary = 10.20.0.2
service = lvs
backup_active = 1
backup = 10.20.0.3
keepalive = 6
deadtime = 18
network = direct
virtual sip {
     active = 1
     address = 10.20.0.50 eth0:1
     vip_nmask = 255.255.255.0
     fwmark = 3
     port = 5060
     persistent = 400
     send_program = "/usr/local/bin/check-sip %h"
     expect = "OK"
     scheduler = wlc
     protocol = udp
     timeout = 6
     reentry = 15
     server sip1 {
         address = 10.20.0.61
         active = 1
         weight = 1
     }
     server sip2 {
         address = 10.20.0.62
         active = 1
         weight = 1
     }
}
virtual www {
     active = 1
     address = 10.20.0.51 eth0:2
     vip_nmask = 255.255.255.0
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = rr
     protocol = tcp
     timeout = 6
     reentry = 15
     server www1 {
         address = 10.20.0.71
         active = 1
         weight = 1
     }
}
# Switched off: lvsd never creates it.
virtual ftp {
     active = 0
     address = 10.20.0.52 eth0:3
     fwmark = 21
     port = 21
}
`,
    },
  ],
  invalid: [
    {
      name: "nat",
      code: `serial_no = 4
primary = 192.168.26.9
service = lvs
network = nat
nat_router = 10.11.12.10 eth1:1
nat_nmask = 255.255.255.0
virtual http {
     active = 1
     address = 192.168.26.10 eth0:1
     fwmark = 80
     port = 80
     server web1 {
         address = 10.11.12.1
         active = 1
     }
}
virtual https {
     active = 1
     address = 192.168.26.10 eth0:1
     fwmark = 80
     port = 443
     server web1 {
         address = 10.11.12.1
         active = 1
     }
}
`,
      errors: [
        { line: 10, column: 6, endLine: 10, endColumn: 17, severity: "error", message: "fwmark 80 is balanced without persistence: IPVS schedules every" },
      ],
    },
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 4
primary = 10.20.0.2
service = lvs
network = direct
virtual sip {
     active = 1
     address = 10.20.0.50 eth0:1
     fwmark = 3
     port = 5060
     protocol = udp
     send_program = "/usr/local/bin/check-sip %h"
     expect = "OK"
     server sip1 {
         address = 10.20.0.61
         active = 1
     }
}
virtual http {
     active = 1
     address = 10.20.0.51 eth0:2
     fwmark = 80
     port = 80
     persistent = 0
     server web1 {
         address = 10.20.0.71
         active = 1
     }
}
virtual https {
     active = 1
     address = 10.20.0.51 eth0:2
     fwmark = 80
     port = 443
     persistent = 300
     server web1 {
         address = 10.20.0.71
         active = 1
     }
}
`,
      errors: [
        { line: 8, column: 6, endLine: 8, endColumn: 16, severity: "warning", message: "fwmark 3 is balanced without persistence: IPVS schedules every" },
        { line: 23, column: 6, endLine: 23, endColumn: 20, severity: "warning", message: "fwmark 80 is balanced without persistence: IPVS schedules every" },
      ],
    },
  ],
});
