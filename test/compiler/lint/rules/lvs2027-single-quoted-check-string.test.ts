/** LVS2027 single-quoted-check-string: A `send`, `expect` or `send_program` value in single quotes: the quotes reach nanny as part of the string. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2027", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 3
primary = 192.168.10.2
service = lvs
backup_active = 1
backup = 192.168.10.3
keepalive = 6
deadtime = 18
network = direct
virtual www {
     active = 1
     address = 192.168.10.100 eth0:1
     vip_nmask = 255.255.255.255
     port = 80
     send = "GET /health HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP/1.0 200"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server web1 {
         address = 192.168.10.11
         active = 1
         weight = 1
     }
     server web2 {
         address = 192.168.10.12
         active = 1
         weight = 1
     }
}
virtual smtp {
     active = 1
     address = 192.168.10.101 eth0:2
     vip_nmask = 255.255.255.255
     port = 25
     send = "QUIT\\r\\n"
     expect = 220
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server mx1 {
         address = 192.168.10.21
         active = 1
         weight = 1
     }
}
virtual imap {
     active = 1
     address = 192.168.10.102 eth0:3
     vip_nmask = 255.255.255.255
     port = 143
     send_program = "/usr/local/bin/check_imap %h %p"
     expect = "it's up"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server imap1 {
         address = 192.168.10.31
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
      code: `serial_no = 3
primary = 192.168.10.2
service = lvs
backup_active = 1
backup = 192.168.10.3
keepalive = 6
deadtime = 18
network = direct
virtual www {
     active = 1
     address = 192.168.10.100 eth0:1
     vip_nmask = 255.255.255.255
     port = 80
     send = 'GET /health HTTP/1.0\\r\\n\\r\\n'
     expect = 'HTTP'
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server web1 {
         address = 192.168.10.11
         active = 1
         weight = 1
     }
}
virtual imap {
     active = 1
     address = 192.168.10.102 eth0:3
     vip_nmask = 255.255.255.255
     port = 143
     send_program = '/usr/local/bin/check_imap %h %p'
     expect = 'say "OK"'
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server imap1 {
         address = 192.168.10.31
         active = 1
         weight = 1
     }
}
`,
      errors: [
        { line: 14, column: 13, endLine: 14, endColumn: 43, severity: "warning", message: "`send` is in single quotes: Piranha keeps them and lvsd strips" },
        { line: 15, column: 15, endLine: 15, endColumn: 21, severity: "warning", message: "`expect` is in single quotes: Piranha keeps them and lvsd" },
        { line: 31, column: 21, endLine: 31, endColumn: 54, severity: "warning", message: "`send_program` is in single quotes: Piranha keeps them and lvsd" },
        { line: 32, column: 15, endLine: 32, endColumn: 25, severity: "warning", message: "`expect` is in single quotes: Piranha keeps them and lvsd" },
      ],
    },
  ],
});
