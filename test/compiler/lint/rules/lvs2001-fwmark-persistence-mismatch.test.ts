/** LVS2001 fwmark-persistence-mismatch: Virtual servers sharing a firewall mark with different `persistent` or `pmask`; lvsd uses the first one's. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2001", {
  valid: [
    {
      name: "HTTP and HTTPS share firewall mark 80 with the same persistence; FTP has mark 21 to itself",
      code: `# HTTP and HTTPS share firewall mark 80 with the same persistence; FTP has mark 21 to itself.
serial_no = 12
primary = 192.168.40.2
service = lvs
backup_active = 1
backup = 192.168.40.3
heartbeat = 1
heartbeat_port = 539
keepalive = 6
deadtime = 18
network = direct
debug_level = NONE
virtual http {
     active = 1
     address = 192.168.40.100 eth0:1
     vip_nmask = 255.255.255.0
     fwmark = 80
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
         address = 192.168.40.11
         active = 1
         weight = 1
     }
     server web2 {
         address = 192.168.40.12
         active = 1
         weight = 1
     }
}
virtual https {
     active = 1
     address = 192.168.40.100 eth0:1
     vip_nmask = 255.255.255.0
     fwmark = 80
     port = 443
     persistent = 300
     pmask = 255.255.255.0
     scheduler = wlc
     protocol = tcp
     server web1 {
         address = 192.168.40.11
         active = 1
         weight = 1
     }
     server web2 {
         address = 192.168.40.12
         active = 1
         weight = 1
     }
}
virtual ftp {
     active = 1
     address = 192.168.40.101 eth0:2
     vip_nmask = 255.255.255.0
     fwmark = 21
     port = 21
     persistent = 600
     send = "quit\\r\\n"
     expect = "220"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server ftp1 {
         address = 192.168.40.21
         active = 1
         weight = 1
     }
}
# A switched-off block with the mark does not count: lvsd never starts it.
virtual https-test {
     active = 0
     address = 192.168.40.100 eth0:1
     fwmark = 80
     port = 8443
     persistent = 30
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 12
primary = 192.168.40.2
service = lvs
network = direct
virtual http {
     active = 1
     address = 192.168.40.100 eth0:1
     fwmark = 80
     port = 80
     persistent = 300
     server web1 {
         address = 192.168.40.11
         active = 1
     }
}
virtual https {
     active = 1
     address = 192.168.40.100 eth0:1
     fwmark = 80
     port = 443
     persistent = 600
     server web1 {
         address = 192.168.40.11
         active = 1
     }
}
virtual ftp-control {
     active = 1
     address = 192.168.40.101 eth0:2
     fwmark = 21
     port = 21
     persistent = 600
     pmask = 255.255.255.0
     server ftp1 {
         address = 192.168.40.21
         active = 1
     }
}
virtual ftp-data {
     active = 1
     address = 192.168.40.101 eth0:2
     fwmark = 21
     port = 20
     persistent = 600
     pmask = 255.255.0.0
     server ftp1 {
         address = 192.168.40.21
         active = 1
     }
}
virtual ftp-passive {
     active = 1
     address = 192.168.40.101 eth0:2
     fwmark = 21
     port = 10000
     server ftp1 {
         address = 192.168.40.21
         active = 1
     }
}
`,
      errors: [
        { line: 21, column: 6, endLine: 21, endColumn: 22, severity: "error", message: "`virtual https` shares fwmark 80 with `virtual http` (line 5)" },
        { line: 45, column: 6, endLine: 45, endColumn: 25, severity: "error", message: "`virtual ftp-data` shares fwmark 21 with `virtual ftp-control`" },
        { line: 51, column: 1, endLine: 51, endColumn: 22, severity: "error", message: "`virtual ftp-passive` shares fwmark 21 with `virtual" },
      ],
    },
  ],
});
