/** LVS2038 hard-shutdown: `hard_shutdown = 1` (the default): one health-check process that dies stops every virtual server. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2038", {
  valid: [
    {
      name: "no servers",
      code: `serial_no = 46
primary = 10.0.0.1
service = lvs
backup_active = 1
backup = 10.0.0.2
keepalive = 6
deadtime = 18
network = direct
virtual www {
     active = 1
     address = 10.0.0.50 eth0:1
     vip_nmask = 255.255.255.0
     port = 80
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server web1 {
         address = 10.0.0.21
         active = 0
         weight = 1
     }
}
`,
    },
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 44
primary = 10.0.0.1
service = lvs
backup_active = 1
backup = 10.0.0.2
keepalive = 6
deadtime = 18
network = direct
hard_shutdown = 0
virtual openstack_mysql {
     active = 1
     address = 10.0.0.50 eth0:1
     vip_nmask = 255.255.255.0
     port = 3306
     persistent = 60
     expect = "UP"
     send_program = "/usr/local/bin/mysql_status.sh %h"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server db1 {
         address = 10.0.0.11
         active = 1
         weight = 1
     }
     server db2 {
         address = 10.0.0.12
         active = 1
         weight = 1
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "default",
      code: `serial_no = 45
primary = 10.0.0.1
service = lvs
backup_active = 1
backup = 10.0.0.2
keepalive = 6
deadtime = 18
network = direct
virtual staging {
     active = 0
     address = 10.0.0.51 eth0:2
     port = 80
}
virtual www {
     active = 1
     address = 10.0.0.50 eth0:1
     vip_nmask = 255.255.255.0
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server web1 {
         address = 10.0.0.21
         active = 1
         weight = 1
     }
}
virtual api {
     active = 1
     address = 10.0.0.52 eth0:3
     vip_nmask = 255.255.255.0
     port = 8080
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server api1 {
         address = 10.0.0.31
         active = 1
         weight = 1
     }
}
`,
      errors: [
        { line: 14, column: 1, endLine: 14, endColumn: 14, severity: "info", message: "With `hard_shutdown` left at its default of 1, lvsd stops every" },
      ],
    },
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 44
primary = 10.0.0.1
service = lvs
backup_active = 1
backup = 10.0.0.2
keepalive = 6
deadtime = 18
network = direct
hard_shutdown = 1
virtual openstack_mysql {
     active = 1
     address = 10.0.0.50 eth0:1
     vip_nmask = 255.255.255.0
     port = 3306
     persistent = 60
     expect = "UP"
     send_program = "/usr/local/bin/mysql_status.sh %h"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server db1 {
         address = 10.0.0.11
         active = 1
         weight = 1
     }
     server db2 {
         address = 10.0.0.12
         active = 1
         weight = 1
     }
}
`,
      errors: [
        { line: 9, column: 1, endLine: 9, endColumn: 18, severity: "info", message: "With `hard_shutdown = 1`, lvsd stops every virtual server as" },
      ],
    },
  ],
});
