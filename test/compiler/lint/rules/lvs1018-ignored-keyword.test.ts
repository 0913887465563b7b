/** LVS1018 ignored-keyword: A keyword Piranha parses but no daemon acts on (`heartbeat`, `debug_level`, `sync`, `master`, `dirs`). */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS1018", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 12
primary = 192.168.1.10
backup_active = 1
backup = 192.168.1.11
heartbeat_port = 539
syncdaemon = 1
virtual web {
     active = 1
     address = 192.168.1.100 eth0:1
     server web1 {
         address = 10.0.0.1
         active = 1
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 12
primary = 192.168.1.10
heartbeat = 1
debug_level = NONE
sync = 0
virtual web {
     active = 1
     address = 192.168.1.100 eth0:1
     master = 192.168.1.10
     dirs = [ /etc/sysconfig/ha ]
}
`,
      errors: [
        { line: 3, column: 1, endLine: 3, endColumn: 10, severity: "info", message: "`heartbeat` has no effect: no daemon reads it. Meant to switch" },
        { line: 4, column: 1, endLine: 4, endColumn: 12, severity: "info", message: "`debug_level` has no effect: no daemon reads it. Meant to set" },
        { line: 5, column: 1, endLine: 5, endColumn: 5, severity: "info", message: "`sync` has no effect: no daemon reads it. Meant to copy the" },
        { line: 9, column: 6, endLine: 9, endColumn: 12, severity: "info", message: "`master` has no effect: no daemon reads it. A leftover of early" },
        { line: 10, column: 6, endLine: 10, endColumn: 10, severity: "info", message: "`dirs` has no effect: no daemon reads it. A leftover list" },
      ],
    },
  ],
});
