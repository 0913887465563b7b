/** LVS2003 fwmark-group-mismatch: Virtual servers sharing a firewall mark that differ in scheduler, protocol, VIP or real servers (error), or only in check settings (warning). */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2003", {
  valid: [
    {
      name: "HTTP and HTTPS share firewall mark 80: one scheduler, one VIP, the same real servers",
      code: `# HTTP and HTTPS share firewall mark 80: one scheduler, one VIP, the same real servers.
# The HTTPS block repeats the shared settings and leaves the health check to the HTTP block.
serial_no = 9
primary = 172.16.5.2
service = lvs
backup_active = 1
backup = 172.16.5.3
keepalive = 6
deadtime = 18
network = direct
virtual http {
     active = 1
     address = 172.16.5.100 eth0:1
     vip_nmask = 255.255.255.0
     fwmark = 80
     port = 80
     persistent = 300
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     load_monitor = none
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     quiesce_server = 0
     server web1 {
         address = 172.16.5.11
         active = 1
         weight = 1
     }
     server web2 {
         address = 172.16.5.12
         active = 1
         weight = 2
     }
}
virtual https {
     active = 1
     address = 172.16.5.100 eth0:1
     vip_nmask = 255.255.255.0
     fwmark = 80
     port = 443
     persistent = 300
     load_monitor = none
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     quiesce_server = 0
     server web1 {
         address = 172.16.5.11
         active = 1
         weight = 1
     }
     server web2 {
         address = 172.16.5.12
         active = 1
         weight = 2
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 9
primary = 172.16.5.2
service = lvs
network = direct
virtual http {
     active = 1
     address = 172.16.5.100 eth0:1
     fwmark = 80
     port = 80
     persistent = 300
     scheduler = wlc
     server web1 {
         address = 172.16.5.11
         active = 1
     }
}
virtual https {
     active = 1
     address = 172.16.5.100 eth0:1
     fwmark = 80
     port = 443
     persistent = 300
     scheduler = rr
     server web1 {
         address = 172.16.5.11
         active = 1
     }
}
virtual ftp {
     active = 1
     address = 172.16.5.101 eth0:2
     fwmark = 21
     port = 21
     persistent = 600
     server ftp1 {
         address = 172.16.5.21
         active = 1
     }
     server ftp2 {
         address = 172.16.5.22
         active = 1
     }
}
virtual ftp-data {
     active = 1
     address = 172.16.5.102 eth0:3
     fwmark = 21
     port = 20
     persistent = 600
     server ftp1 {
         address = 172.16.5.21
         active = 1
     }
     server ftp3 {
         address = 172.16.5.23
         active = 1
     }
}
virtual smtp {
     active = 1
     address = 172.16.5.103 eth0:4
     fwmark = 25
     port = 25
     persistent = 60
     send = "QUIT\\r\\n"
     expect = "220"
     server mx1 {
         address = 172.16.5.31
         active = 1
         weight = 2
     }
}
virtual submission {
     active = 1
     address = 172.16.5.103 eth0:4
     fwmark = 25
     port = 587
     persistent = 60
     send = "QUIT\\r\\n"
     expect = "220 mx"
     timeout = 6
     server mx1 {
         address = 172.16.5.31
         active = 1
         weight = 1
     }
}
`,
      errors: [
        { line: 20, column: 6, endLine: 20, endColumn: 17, severity: "error", message: "`virtual https` shares fwmark 80 with `virtual http` (line 5)" },
        { line: 47, column: 6, endLine: 47, endColumn: 17, severity: "error", message: "`virtual ftp-data` shares fwmark 21 with `virtual ftp` (line" },
        { line: 76, column: 6, endLine: 76, endColumn: 17, severity: "warning", message: "`virtual submission` shares fwmark 25 with `virtual smtp` (line" },
      ],
    },
  ],
});
