/** LVS2004 backup-interface-mismatch: Heartbeat addresses of the two routers that do not pair up: a private address on one side only, the backup off the primary's network, equal addresses. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2004", {
  valid: [
    {
      name: "One heartbeat network; the /32 VIP mask says nothing about the routers' network",
      code: `# One heartbeat network; the /32 VIP mask says nothing about the routers' network.
serial_no = 31
primary = 172.16.0.2
service = lvs
backup_active = 1
backup = 172.16.0.3
keepalive = 2
deadtime = 6
network = direct
virtual www {
     active = 1
     address = 172.16.0.1 eth0:1
     vip_nmask = 255.255.255.255
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server web1 {
         address = 172.16.0.5
         active = 1
         weight = 1
     }
}
`,
    },
    {
      name: "Two routers on the public network 192.168.26.0/24 and the private network 10.11.12.0/24",
      code: `# Two routers on the public network 192.168.26.0/24 and the private network 10.11.12.0/24.
serial_no = 7
primary = 192.168.26.9
primary_private = 10.11.12.9
service = lvs
backup_active = 1
backup = 192.168.26.8
backup_private = 10.11.12.8
heartbeat_port = 539
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
`,
    },
  ],
  invalid: [
    {
      name: "equal",
      code: `serial_no = 3
primary = 192.168.1.10
primary_private = 192.168.1.10
service = lvs
backup_active = 1
backup = 192.168.1.11
backup_private = 192.168.1.11
network = direct
virtual www {
     active = 1
     address = 192.168.1.100 eth0:1
     port = 80
     server web1 {
         address = 192.168.1.21
         active = 1
     }
}
`,
      errors: [
        { line: 3, column: 1, endLine: 3, endColumn: 31, severity: "error", message: "`primary_private` is the same address as `primary`" },
        { line: 7, column: 1, endLine: 7, endColumn: 30, severity: "error", message: "`backup_private` is the same address as `backup`" },
      ],
    },
    {
      name: "nat",
      code: `serial_no = 3
primary = 192.168.26.9
primary_private = 10.11.12.9
service = lvs
backup_active = 1
backup = 192.168.26.8
backup_private = 10.11.13.8
network = nat
nat_router = 10.11.12.10 eth1:1
nat_nmask = 255.255.255.0
virtual www {
     active = 1
     address = 192.168.26.10 eth0:1
     port = 80
     server web1 {
         address = 10.11.12.1
         active = 1
     }
}
`,
      errors: [
        { line: 7, column: 1, endLine: 7, endColumn: 28, severity: "error", message: "`backup_private` (10.11.13.8) is not on the network of" },
      ],
    },
    {
      name: "private",
      code: `serial_no = 3
primary = 192.168.1.10
primary_private = 10.0.0.10
service = lvs
backup_active = 1
backup = 192.168.1.10
network = direct
virtual www {
     active = 1
     address = 192.168.1.100 eth0:1
     port = 80
     server web1 {
         address = 192.168.1.21
         active = 1
     }
}
`,
      errors: [
        { line: 3, column: 1, endLine: 3, endColumn: 28, severity: "error", message: "`primary_private` is given but `backup_private` is not: pulse" },
        { line: 6, column: 1, endLine: 6, endColumn: 22, severity: "error", message: "`backup` is the same address as `primary` (192.168.1.10): pulse" },
      ],
    },
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 3
primary = 192.168.1.10
service = lvs
backup_active = 1
backup = 192.168.2.11
backup_private = 10.0.0.11
network = direct
virtual www {
     active = 1
     address = 192.168.1.100 eth0:1
     vip_nmask = 255.255.255.0
     port = 80
     server web1 {
         address = 192.168.1.21
         active = 1
     }
}
`,
      errors: [
        { line: 5, column: 1, endLine: 5, endColumn: 22, severity: "error", message: "`backup` (192.168.2.11) is not on the network of `primary`" },
        { line: 6, column: 1, endLine: 6, endColumn: 27, severity: "error", message: "`backup_private` is ignored without `primary_private`: Piranha" },
      ],
    },
  ],
});
