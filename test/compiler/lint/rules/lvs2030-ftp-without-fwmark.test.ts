/** LVS2030 ftp-without-fwmark: An FTP service (TCP port 21) with neither a firewall mark nor persistence: passive data connections are not sent to the server that holds the control connection. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2030", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 4
primary = 192.168.122.11
service = lvs
backup_active = 1
backup = 192.168.122.12
keepalive = 6
deadtime = 18
network = direct
virtual ftp {
     active = 1
     address = 192.168.122.100 eth0:1
     vip_nmask = 255.255.255.255
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
         address = 192.168.122.21
         active = 1
         weight = 1
     }
     server ftp2 {
         address = 192.168.122.22
         active = 1
         weight = 1
     }
}
virtual ftp-legacy {
     active = 1
     address = 192.168.122.101 eth0:2
     vip_nmask = 255.255.255.255
     port = 21
     persistent = 600
     send = "quit\\r\\n"
     expect = "220"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server ftp3 {
         address = 192.168.122.23
         active = 1
         weight = 1
     }
}
virtual ftp-spare {
     active = 0
     address = 192.168.122.102 eth0:3
     port = 21
     send = "quit\\r\\n"
     expect = "220"
     server ftp4 {
         address = 192.168.122.24
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
      code: `serial_no = 4
primary = 192.168.122.11
service = lvs
backup_active = 1
backup = 192.168.122.12
keepalive = 6
deadtime = 18
network = direct
virtual ftp {
     active = 1
     address = 192.168.122.100 eth0:1
     vip_nmask = 255.255.255.255
     port = 21
     send = "quit\\r\\n"
     expect = "220"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server ftp1 {
         address = 192.168.122.21
         active = 1
         weight = 1
     }
     server ftp2 {
         address = 192.168.122.22
         active = 1
         weight = 1
     }
}
virtual ftp-internal {
     active = 1
     address = 192.168.122.101 eth0:2
     vip_nmask = 255.255.255.255
     port = ftp
     persistent = 0
     send = "quit\\r\\n"
     expect = "220"
     scheduler = rr
     timeout = 6
     reentry = 15
     server ftp3 {
         address = 192.168.122.23
         active = 1
         weight = 1
     }
}
`,
      errors: [
        { line: 13, column: 6, endLine: 13, endColumn: 15, severity: "warning", message: "`virtual ftp` balances FTP on port 21 only: each passive data" },
        { line: 35, column: 6, endLine: 35, endColumn: 16, severity: "warning", message: "`virtual ftp-internal` balances FTP on port 21 only: each" },
      ],
    },
  ],
});
