/** LVS2034 vip-is-host: A virtual IP that is also the address of a real server, of the primary or backup router, or of the NAT router. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2034", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 7
primary = 192.168.26.9
primary_private = 10.11.12.9
service = lvs
backup_active = 1
backup = 192.168.26.8
backup_private = 10.11.12.8
keepalive = 6
deadtime = 18
network = nat
nat_router = 10.11.12.10 eth1:1
nat_nmask = 255.255.255.0
virtual http {
     active = 1
     address = 192.168.26.10 eth0:1
     vip_nmask = 255.255.255.0
     port = 80
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
virtual https {
     active = 1
     address = 192.168.26.10 eth0:1
     vip_nmask = 255.255.255.0
     port = 443
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
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 7
primary = 192.168.26.9
primary_private = 10.11.12.9
service = lvs
backup_active = 1
backup = 192.168.26.8
backup_private = 10.11.12.8
keepalive = 6
deadtime = 18
network = nat
nat_router = 10.11.12.10 eth1:1
nat_nmask = 255.255.255.0
virtual http {
     active = 1
     address = 192.168.26.9 eth0:1
     vip_nmask = 255.255.255.0
     port = 80
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
virtual internal {
     active = 1
     address = 10.11.12.10 eth1:2
     vip_nmask = 255.255.255.0
     port = 8080
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server app1 {
         address = 10.11.12.3
         active = 1
         weight = 1
     }
}
virtual admin {
     active = 1
     address = 10.11.12.3 eth1:3
     vip_nmask = 255.255.255.0
     port = 8443
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server app2 {
         address = 10.11.12.4
         active = 1
         weight = 1
     }
}
`,
      errors: [
        { line: 15, column: 6, endLine: 15, endColumn: 35, severity: "error", message: "The VIP 192.168.26.9 of `virtual http` is also the primary" },
        { line: 32, column: 6, endLine: 32, endColumn: 34, severity: "error", message: "The VIP 10.11.12.10 of `virtual internal` is also the NAT" },
        { line: 47, column: 6, endLine: 47, endColumn: 33, severity: "error", message: "The VIP 10.11.12.3 of `virtual admin` is also the address of" },
      ],
    },
  ],
});
