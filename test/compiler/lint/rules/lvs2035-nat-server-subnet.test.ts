/** LVS2035 nat-server-subnet: With `network = nat`, a real server outside the network of `nat_router`/`nat_nmask`, which therefore cannot use the NAT router as its gateway. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2035", {
  valid: [
    {
      name: "host mask",
      code: `serial_no = 31
primary = 172.25.30.14
service = lvs
backup_active = 1
backup = 172.25.30.15
keepalive = 6
deadtime = 18
network = nat
nat_router = 192.168.122.254 eth2:1
nat_nmask = 255.255.255.255
virtual http {
     active = 1
     address = 172.25.30.100 eth0:1
     vip_nmask = 255.255.255.0
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server node1 {
         address = 192.168.122.224
         active = 1
         weight = 1
     }
     server node2 {
         address = 192.168.122.245
         active = 1
         weight = 1
     }
}
`,
    },
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 30
primary = 172.25.30.14
primary_private = 192.168.122.246
service = lvs
backup_active = 1
backup = 172.25.30.15
backup_private = 192.168.122.247
keepalive = 6
deadtime = 18
network = nat
nat_router = 192.168.122.254 eth2:1
nat_nmask = 255.255.255.0
virtual http {
     active = 1
     address = 172.25.30.100 eth0:1
     vip_nmask = 255.255.255.0
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server node1 {
         address = 192.168.122.224
         active = 1
         weight = 1
     }
     server node2 {
         address = 192.168.122.245
         active = 1
         weight = 1
     }
     server retired {
         address = 192.168.99.10
         active = 0
         weight = 1
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "host mask",
      code: `serial_no = 31
primary = 172.25.30.14
service = lvs
backup_active = 1
backup = 172.25.30.15
keepalive = 6
deadtime = 18
network = nat
nat_router = 192.168.122.254 eth2:1
nat_nmask = 255.255.255.255
virtual http {
     active = 1
     address = 172.25.30.100 eth0:1
     vip_nmask = 255.255.255.0
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server node1 {
         address = 192.168.122.224
         active = 1
         weight = 1
     }
     server node2 {
         address = 192.168.123.245
         active = 1
         weight = 1
     }
}
`,
      errors: [
        { line: 28, column: 10, endLine: 28, endColumn: 35, severity: "warning", message: "`server node2` (192.168.123.245) is outside 192.168.122.0/24," },
      ],
    },
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 30
primary = 172.25.30.14
primary_private = 192.168.122.246
service = lvs
backup_active = 1
backup = 172.25.30.15
backup_private = 192.168.122.247
keepalive = 6
deadtime = 18
network = nat
nat_router = 192.168.122.254 eth2:1
nat_nmask = 255.255.255.0
virtual http {
     active = 1
     address = 172.25.30.100 eth0:1
     vip_nmask = 255.255.255.0
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server node1 {
         address = 192.168.122.224
         active = 1
         weight = 1
     }
     server node2 {
         address = 192.168.123.45
         active = 1
         weight = 1
     }
     server node3 {
         address = 172.25.30.50
         active = 1
         weight = 1
     }
}
`,
      errors: [
        { line: 30, column: 10, endLine: 30, endColumn: 34, severity: "warning", message: "`server node2` (192.168.123.45) is outside 192.168.122.0/24," },
        { line: 35, column: 10, endLine: 35, endColumn: 32, severity: "warning", message: "`server node3` (172.25.30.50) is outside 192.168.122.0/24, the" },
      ],
    },
  ],
});
