/** LVS2012 port-remap-needs-nat: A real-server port different from the virtual port with direct routing or tunnelling, where IPVS cannot change the port. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2012", {
  valid: [
    {
      name: "NAT rewrites the port: port 80 on the VIP, 8080 and 8081 on the real servers",
      code: `# NAT rewrites the port: port 80 on the VIP, 8080 and 8081 on the real servers.
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
    {
      name: "negative port",
      code: `primary = 10.0.0.1
network = direct
virtual web {
     active = 1
     address = 10.0.0.100 eth0:1
     port = 80
     server a {
         address = 10.0.0.11
         active = 1
         port = -1
     }
}
`,
    },
    {
      name: "Direct routing: the real servers listen on the virtual port",
      code: `# Direct routing: the real servers listen on the virtual port.
serial_no = 34
primary = 192.168.142.160
service = lvs
backup_active = 1
backup = 192.168.142.161
keepalive = 6
deadtime = 18
network = direct
virtual www {
     active = 1
     address = 192.168.142.100 eth0:1
     vip_nmask = 255.255.255.0
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = rr
     protocol = tcp
     timeout = 6
     reentry = 15
     server rs1 {
         address = 192.168.142.158
         active = 1
         port = 80
         weight = 1
     }
     server rs2 {
         address = 192.168.142.159
         active = 1
         weight = 1
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "tunnel",
      code: `serial_no = 34
primary = 192.168.142.160
service = lvs
network = tunnel
virtual mail {
     active = 1
     address = 192.168.142.101 eth0:1
     port = smtp
     server mx1 {
         address = 10.9.0.25
         active = 1
         port = 2525
     }
}
`,
      errors: [
        { line: 12, column: 10, endLine: 12, endColumn: 21, severity: "error", message: "`server mx1` listens on port 2525 but `virtual mail` is port" },
      ],
    },
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 34
primary = 192.168.142.160
service = lvs
network = direct
virtual www {
     active = 1
     address = 192.168.142.100 eth0:1
     port = 80
     server rs1 {
         address = 192.168.142.158
         active = 1
         weight = 1
         port = 8080
     }
     server rs2 {
         address = 192.168.142.159
         active = 1
         port = 80
     }
     server rs3 {
         address = 192.168.142.157
         active = 0
         port = 8080
     }
}
`,
      errors: [
        { line: 13, column: 10, endLine: 13, endColumn: 21, severity: "error", message: "`server rs1` listens on port 8080 but `virtual www` is port 80:" },
      ],
    },
  ],
});
