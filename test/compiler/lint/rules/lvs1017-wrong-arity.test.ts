/** LVS1017 wrong-arity: Too few or too many values: `address` without a device, extra words, a block without a name. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS1017", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 12
nat_router = 10.0.0.254 eth1:1
active_cmd = "/usr/local/sbin/notify up"
virtual "my vs" {
     active = 1
     address = 192.168.1.100 eth0:1
     send = "a b"
     expect = ""
     dirs = [ /etc/sysconfig/ha /etc/httpd ]
     server web1 {
         address = 10.0.0.1
         active = 1
     }
}
virtual dns "{"
     active = 1
     address = 192.168.1.101 eth0:2
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 12
primary = 192.168.1.10 192.168.1.12
nat_router = 10.0.0.254
keepalive = 6 7
active_cmd = /usr/local/sbin/notify up
virtual {
     active = 1
     address = 192.168.1.100
}
virtual web extra {
     active = 1
     address = 192.168.1.101 eth0:2 eth0:3
     server {
         address = 10.0.0.1
     }
     server web2 backup {
         address = 10.0.0.2
     }
}
virtual ftp { active = 1
}
`,
      errors: [
        { line: 2, column: 24, endLine: 2, endColumn: 36, severity: "error", message: "`primary` takes one value; `192.168.1.12` is extra (unexpected" },
        { line: 3, column: 1, endLine: 3, endColumn: 24, severity: "error", message: "`nat_router` needs a device after the address, such as `eth0:1`" },
        { line: 4, column: 15, endLine: 4, endColumn: 16, severity: "error", message: "`keepalive` takes one value; `7` is extra (unexpected" },
        { line: 5, column: 37, endLine: 5, endColumn: 39, severity: "error", message: "`active_cmd` takes one value; `up` is extra (unexpected" },
        { line: 6, column: 1, endLine: 6, endColumn: 8, severity: "error", message: "`virtual` needs a name: `virtual NAME {` (missing arguments)." },
        { line: 8, column: 6, endLine: 8, endColumn: 29, severity: "error", message: "`address` needs a device after the address, such as `eth0:1`" },
        { line: 10, column: 13, endLine: 10, endColumn: 18, severity: "error", message: "`virtual web` has more than one name; `extra` is extra" },
        { line: 12, column: 37, endLine: 12, endColumn: 43, severity: "error", message: "`address` takes 2 values; `eth0:3` is extra (unexpected" },
        { line: 13, column: 6, endLine: 13, endColumn: 12, severity: "error", message: "`server` needs a name: `server NAME {` (missing arguments)." },
        { line: 16, column: 18, endLine: 16, endColumn: 24, severity: "error", message: "`server web2` has more than one name; `backup` is extra" },
        { line: 20, column: 15, endLine: 20, endColumn: 25, severity: "error", message: "`active = 1` after `{` is extra (unexpected arguments): start" },
      ],
    },
  ],
});
