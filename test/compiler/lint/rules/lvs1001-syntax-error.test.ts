/** LVS1001 syntax-error: A line Piranha cannot read as a statement, a block opener or a closing brace. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS1001", {
  valid: [
    {
      name: "Piranha accepts every line of this file",
      code: `# Piranha accepts every line of this file.
serial_no = 12
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
virtual "mail relay" {
     active = 1
     address = 192.168.1.101 eth0:2
     port = 25
     send = helo=x
     expect = "220"
     server mx1 {
         address = 10.0.0.11
         active = 1
     }
} # end of mail relay
# quotes are removed from every token, so a quoted brace opens the block too
virtual dns "{"
     active = 1
     address = 192.168.1.102 eth0:3
     port = 53
     protocol = udp
     server ns1 '{'
         address = 10.0.0.21
         active = 1
     }
}
# a global keyword after the last virtual is fine
primary_private = 10.1.1.10
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 12
= 192.168.1.10
primary 192.168.1.10
backup = {{ backup_ip }}
virtual = web
virtual web
     active = 1
     address = 192.168.1.100 eth0:1
}
}
{
virtual ftp {
     active = 1
     address = 192.168.1.100 eth0:1
     port = 21
     server ftp1
         address = 10.0.0.5
         active = 1
     }
}
`,
      errors: [
        { line: 2, column: 1, endLine: 2, endColumn: 2, severity: "error", message: "A line cannot start with `=` (unknown command): a keyword is" },
        { line: 3, column: 1, endLine: 3, endColumn: 21, severity: "error", message: "equal (=) expected after command: write `primary = VALUE`." },
        { line: 4, column: 10, endLine: 4, endColumn: 12, severity: "error", message: "Template markup `{{`: this is a template, not an lvs.cf. Render" },
        { line: 5, column: 1, endLine: 5, endColumn: 14, severity: "error", message: "`virtual` opens a block: write `virtual NAME {`, not `virtual =" },
        { line: 6, column: 1, endLine: 6, endColumn: 12, severity: "error", message: "`virtual web` has no `{`: Piranha needs `virtual NAME {` on one" },
        { line: 10, column: 1, endLine: 10, endColumn: 2, severity: "error", message: "This `}` closes no block (unknown command). Remove it, or check" },
        { line: 11, column: 1, endLine: 11, endColumn: 2, severity: "error", message: "This `{` opens no block: a `{` must end a `virtual NAME {`," },
        { line: 16, column: 6, endLine: 16, endColumn: 17, severity: "error", message: "`server ftp1` has no `{`: Piranha needs `server NAME {` on one" },
      ],
    },
  ],
});
