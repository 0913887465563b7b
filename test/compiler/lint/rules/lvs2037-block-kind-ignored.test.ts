/** LVS2037 block-kind-ignored: An active `failover` block with `service = lvs`, or an active `virtual` block with `service = fos`: the daemon that runs drops it. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2037", {
  valid: [
    {
      name: "fos",
      code: `serial_no = 2
primary = 207.175.44.150
service = fos
backup_active = 1
backup = 207.175.44.196
keepalive = 6
deadtime = 18
failover web1 {
     active = 1
     address = 207.175.44.242 eth0:2
     vip_nmask = 255.255.255.255
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     timeout = 10
     start_cmd = "/etc/rc.d/init.d/httpd start"
     stop_cmd = "/etc/rc.d/init.d/httpd stop"
}
virtual old-www {
     active = 0
     address = 207.175.44.252 eth0:1
     port = 80
}
`,
    },
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 2
primary = 207.175.44.150
service = lvs
backup_active = 1
backup = 207.175.44.196
keepalive = 6
deadtime = 18
network = direct
virtual www {
     active = 1
     address = 207.175.44.252 eth0:1
     vip_nmask = 255.255.255.255
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server Real1 {
         address = 207.175.44.2
         active = 1
         weight = 1
     }
}
failover ftp {
     active = 0
     address = 207.175.44.242 eth0:2
     port = 21
     send = "\\n"
     timeout = 10
     start_cmd = "/etc/rc.d/init.d/inet start"
     stop_cmd = "/etc/rc.d/init.d/inet stop"
}
`,
    },
  ],
  invalid: [
    {
      name: "fos",
      code: `serial_no = 2
primary = 207.175.44.150
service = fos
backup_active = 1
backup = 207.175.44.196
keepalive = 6
deadtime = 18
failover web1 {
     active = 1
     address = 207.175.44.242 eth0:2
     vip_nmask = 255.255.255.255
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     timeout = 10
     start_cmd = "/etc/rc.d/init.d/httpd start"
     stop_cmd = "/etc/rc.d/init.d/httpd stop"
}
virtual www {
     active = 1
     address = 207.175.44.252 eth0:1
     vip_nmask = 255.255.255.255
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server Real1 {
         address = 207.175.44.2
         active = 1
         weight = 1
     }
}
`,
      errors: [
        { line: 19, column: 1, endLine: 19, endColumn: 14, severity: "warning", message: "`virtual www` is ignored: with `service = fos` pulse runs fos," },
      ],
    },
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 2
primary = 207.175.44.150
service = lvs
backup_active = 1
backup = 207.175.44.196
keepalive = 6
deadtime = 18
network = direct
virtual www {
     active = 1
     address = 207.175.44.252 eth0:1
     vip_nmask = 255.255.255.255
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server Real1 {
         address = 207.175.44.2
         active = 1
         weight = 1
     }
}
failover web1 {
     active = 1
     address = 207.175.44.242 eth0:2
     vip_nmask = 255.255.255.255
     port = 1010
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     timeout = 10
     start_cmd = "/etc/rc.d/init.d/httpd start"
     stop_cmd = "/etc/rc.d/init.d/httpd stop"
}
`,
      errors: [
        { line: 26, column: 1, endLine: 26, endColumn: 16, severity: "warning", message: "`failover web1` is ignored: with `service = lvs` pulse runs" },
      ],
    },
  ],
});
