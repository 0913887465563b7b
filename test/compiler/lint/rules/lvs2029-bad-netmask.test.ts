/** LVS2029 bad-netmask: A `vip_nmask`, `nat_nmask` or `pmask` whose one bits do not run unbroken from the left (such as `255.0.255.0`). */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2029", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 7
primary = 192.168.26.9
service = lvs
backup_active = 1
backup = 192.168.26.8
keepalive = 6
deadtime = 18
network = nat
nat_router = 10.11.12.10 eth1:1
nat_nmask = 255.255.255.0
virtual www {
     active = 1
     address = 192.168.26.10 eth0:1
     vip_nmask = 255.255.255.0
     port = 80
     persistent = 300
     pmask = 255.255.255.0
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server web1 {
         address = 10.11.12.1
         active = 1
         weight = 1
     }
     server web2 {
         address = 10.11.12.2
         active = 1
         weight = 1
     }
}
virtual dns {
     active = 1
     address = 192.168.26.11 eth0:2
     vip_nmask = 0.0.0.0
     port = 53
     protocol = udp
     send = "\\n"
     expect = "*"
     scheduler = rr
     timeout = 6
     reentry = 15
     server ns1 {
         address = 10.11.12.5
         active = 1
         weight = 1
     }
}
virtual smtp {
     active = 1
     address = 192.168.26.12 eth0:3
     vip_nmask = 255.255.255.255
     port = 25
     send = "QUIT\\r\\n"
     expect = "220"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server mx1 {
         address = 10.11.12.6
         active = 1
         weight = 1
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 7
primary = 192.168.26.9
service = lvs
backup_active = 1
backup = 192.168.26.8
keepalive = 6
deadtime = 18
network = nat
nat_router = 10.11.12.10 eth1:1
nat_nmask = 255.255.0.255
virtual www {
     active = 1
     address = 192.168.26.10 eth0:1
     vip_nmask = 255.255.255.8
     port = 80
     persistent = 300
     pmask = 255.0.255.0
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server web1 {
         address = 10.11.12.1
         active = 1
         weight = 1
     }
}
virtual smtp {
     active = 1
     address = 192.168.26.12 eth0:3
     vip_nmask = 0.255.255.255
     port = 25
     send = "QUIT\\r\\n"
     expect = "220"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server mx1 {
         address = 10.11.12.6
         active = 1
         weight = 1
     }
}
`,
      errors: [
        { line: 10, column: 1, endLine: 10, endColumn: 26, severity: "warning", message: "`nat_nmask` 255.255.0.255 is not a netmask (its one bits do not" },
        { line: 14, column: 6, endLine: 14, endColumn: 31, severity: "warning", message: "`vip_nmask` 255.255.255.8 is not a netmask (its one bits do not" },
        { line: 17, column: 6, endLine: 17, endColumn: 25, severity: "warning", message: "`pmask` 255.0.255.0 is not a netmask (its one bits do not run" },
        { line: 33, column: 6, endLine: 33, endColumn: 31, severity: "warning", message: "`vip_nmask` 0.255.255.255 is not a netmask (its one bits do not" },
      ],
    },
  ],
});
