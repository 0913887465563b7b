/** LVS1011 missing-closing-brace: A block without its `}`. Piranha accepts that only at the end of the file; anywhere else it rejects the next block. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS1011", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 12
primary = 192.168.1.10
service = lvs
backup_active = 1
backup = 192.168.1.11
heartbeat_port = 539
keepalive = 6
deadtime = 18
network = nat
nat_router = 10.0.0.254 eth1:1
nat_nmask = 255.255.255.0
virtual web {
     active = 1
     address = 192.168.1.100 eth0:1
     vip_nmask = 255.255.255.0
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     use_regex = 0
     load_monitor = none
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     quiesce_server = 0
     server web1 {
         address = 10.0.0.1
         active = 1
         weight = 1
     }
     server web2 {
         address = 10.0.0.2
         active = 1
         weight = 2
     }
}
virtual ftp {
     active = 1
     address = 192.168.1.100 eth0:1
     port = 21
     server ftp1 {
         address = 10.0.0.5
         active = 1
     } # end ftp1
} # end ftp
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 12
virtual web {
     active = 1
     address = 192.168.1.100 eth0:1
     server web1 {
         address = 10.0.0.1
         active = 1

     server web2 {
         address = 10.0.0.2
         active = 1
     }
}
virtual ftp {
     active = 1
     address = 192.168.1.101 eth0:2

virtual dns {
     active = 1
     address = 192.168.1.102 eth0:3
     server ns1 {
         address = 10.0.0.21
         active = 1
`,
      errors: [
        { line: 9, column: 6, endLine: 9, endColumn: 12, severity: "error", message: "`server web1` (line 5) is not closed: a `}` is missing before" },
        { line: 18, column: 1, endLine: 18, endColumn: 8, severity: "error", message: "`virtual ftp` (line 14) is not closed: a `}` is missing before" },
        { line: 18, column: 1, endLine: 18, endColumn: 8, severity: "warning", message: "`virtual dns` is never closed. Piranha accepts a missing `}` at" },
        { line: 21, column: 6, endLine: 21, endColumn: 12, severity: "warning", message: "`server ns1` is never closed. Piranha accepts a missing `}` at" },
      ],
    },
  ],
});
