/** LVS2032 port-range: A virtual server, real server or heartbeat port that is 0, negative or above 65535. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2032", {
  valid: [
    {
      name: "fwmark port 0",
      code: `serial_no = 35
primary = 192.168.142.160
service = lvs
backup_active = 1
backup = 192.168.142.161
keepalive = 6
deadtime = 18
network = direct
virtual marked {
     active = 1
     address = 192.168.142.103 eth0:4
     vip_nmask = 255.255.255.0
     fwmark = 7
     port = 0
     persistent = 600
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server app1 {
         address = 192.168.142.158
         active = 1
         port = 443
         weight = 1
     }
}
`,
    },
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 34
primary = 172.20.0.2
service = lvs
backup_active = 1
backup = 172.20.0.3
heartbeat_port = 1050
keepalive = 6
deadtime = 18
network = nat
nat_router = 192.168.142.254 eth1:1
nat_nmask = 255.255.255.0
virtual diff {
     active = 1
     address = 172.20.0.100 eth0:1
     vip_nmask = 255.255.255.0
     port = 80
     expect = "OK"
     send_program = "/etc/sysconfig/ha/lvs.sh %h"
     scheduler = rr
     protocol = tcp
     timeout = 30
     reentry = 60
     server app158 {
         address = 192.168.142.158
         active = 1
         weight = 1
         port = 8080
     }
     server app159 {
         address = 192.168.142.159
         active = 1
         weight = 1
         port = 65535
     }
}
virtual dns {
     active = 1
     address = 172.20.0.101 eth0:2
     vip_nmask = 255.255.255.0
     port = domain
     protocol = udp
     send = "\\n"
     expect = "*"
     scheduler = rr
     timeout = 6
     reentry = 15
     server ns1 {
         address = 192.168.142.153
         active = 1
         weight = 1
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "inherited",
      code: `serial_no = 36
primary = 192.168.142.160
service = lvs
backup_active = 1
backup = 192.168.142.161
keepalive = 6
deadtime = 18
network = direct
virtual late {
     active = 1
     address = 192.168.142.104 eth0:5
     vip_nmask = 255.255.255.0
     port = 0
     server app1 {
         address = 192.168.142.158
         active = 1
         weight = 1
     }
     port = 80
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
}
`,
      errors: [
        { line: 14, column: 6, endLine: 14, endColumn: 19, severity: "error", message: "`server app1` inherits port 0 from the virtual's `port` line" },
      ],
    },
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 34
primary = 192.168.142.160
service = lvs
backup_active = 1
backup = 192.168.142.161
heartbeat_port = 0
keepalive = 6
deadtime = 18
network = direct
virtual web {
     active = 1
     address = 192.168.142.100 eth0:1
     vip_nmask = 255.255.255.0
     port = 80800
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = rr
     protocol = tcp
     timeout = 6
     reentry = 15
     server app158 {
         address = 192.168.142.158
         active = 1
         weight = 1
     }
     server app159 {
         address = 192.168.142.159
         active = 1
         weight = 1
         port = 0
     }
     server app160 {
         address = 192.168.142.157
         active = 1
         weight = 1
         port = -1
     }
}
virtual marked {
     active = 1
     address = 192.168.142.103 eth0:4
     vip_nmask = 255.255.255.0
     fwmark = 7
     port = 0
     persistent = 600
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server app1 {
         address = 192.168.142.158
         active = 1
         weight = 1
     }
}
`,
      errors: [
        { line: 6, column: 1, endLine: 6, endColumn: 19, severity: "error", message: "`heartbeat_port = 0` is not a UDP port (1 to 65535): pulse" },
        { line: 14, column: 6, endLine: 14, endColumn: 18, severity: "error", message: "Port 80800 is not a TCP or UDP port (1 to 65535): ipvsadm" },
        { line: 30, column: 10, endLine: 30, endColumn: 18, severity: "error", message: "Port 0 is not a TCP or UDP port (1 to 65535): nanny checks" },
        { line: 36, column: 10, endLine: 36, endColumn: 19, severity: "warning", message: "`port = -1` is not a port: nanny happens to read -1 as \"use the" },
        { line: 44, column: 6, endLine: 44, endColumn: 14, severity: "error", message: "Port 0 is not a TCP or UDP port (1 to 65535): the real servers" },
      ],
    },
  ],
});
