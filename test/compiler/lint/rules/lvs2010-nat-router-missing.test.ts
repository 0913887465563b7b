/** LVS2010 nat-router-missing: `network = nat` without `nat_router`: no floating gateway for the real servers moves with the active router. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2010", {
  valid: [
    {
      name: "NAT with a floating gateway address for the real servers",
      code: `# NAT with a floating gateway address for the real servers.
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
backup_active = 1
backup = 192.168.10.3
network = nat
virtual app {
     active = 1
     address = 192.168.10.100 eth0:1
     port = 80
     server app1 {
         address = 10.0.0.11
         active = 1
     }
}
`,
      errors: [
        { line: 6, column: 1, endLine: 6, endColumn: 14, severity: "error", message: "`network = nat` without `nat_router`: pulse brings up no" },
      ],
    },
  ],
});
