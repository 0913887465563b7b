/** LVS2013 port-after-servers: `port` set after `server` blocks that took the earlier value as their port. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2013", {
  valid: [
    {
      name: "`port` comes before the servers, which take it as theirs",
      code: `# \`port\` comes before the servers, which take it as theirs.
serial_no = 31
primary = 172.16.0.2
service = lvs
backup_active = 1
backup = 172.16.0.3
keepalive = 2
deadtime = 6
network = direct
virtual mysql {
     active = 1
     address = 172.16.1.50 eth0:2
     vip_nmask = 255.255.255.255
     port = 3306
     scheduler = wlc
     protocol = tcp
     timeout = 5
     reentry = 15
     server mysql1 {
         address = 172.16.1.46
         active = 1
         weight = 1
     }
     server mysql2 {
         address = 172.16.1.47
         active = 1
         port = 3306
         weight = 1
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 31
primary = 172.16.0.2
service = lvs
network = direct
virtual mysql {
     active = 1
     address = 172.16.1.50 eth0:2
     server mysql1 {
         address = 172.16.1.46
         active = 1
     }
     server mysql2 {
         address = 172.16.1.47
         active = 1
     }
     server mysql3 {
         address = 172.16.1.48
         active = 1
         port = 3306
     }
     port = 3306
}
virtual web {
     active = 1
     address = 172.16.1.51 eth0:3
     port = 8080
     server web1 {
         address = 172.16.1.61
         active = 1
     }
     port = 80
     server web2 {
         address = 172.16.1.62
         active = 1
     }
}
`,
      errors: [
        { line: 21, column: 6, endLine: 21, endColumn: 17, severity: "warning", message: "`port` is set to 3306 after `server mysql1` (80) and `server" },
        { line: 31, column: 6, endLine: 31, endColumn: 15, severity: "warning", message: "`port` is set to 80 after `server web1` (8080), which took the" },
      ],
    },
  ],
});
