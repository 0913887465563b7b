/** LVS1010 invalid-value: A value Piranha cannot read for its keyword: an integer, boolean, address, netmask or enumerated value was expected. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS1010", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 12
primary = 192.168.1.10
backup_active = 0
backup = 0.0.0.0
heartbeat_port = 539
keepalive = 6
deadtime = 18
network = tunnel
nat_nmask = 255.255.255.0
monitor_links = 2
hard_shutdown = 0
tcp_timeout = 0
virtual web {
     active = 1
     address = 192.168.1.100 eth0:1
     vip_nmask = 255.255.252.0
     sorry_server = 10.0.0.99
     port = http
     persistent = 300
     pmask = 255.255.255.255
     expect = "*"
     scheduler = lblcr
     protocol = udp
     timeout = "6"
     server web1 {
         address = 10.0.0.1
         active = 1
         port = 8080
         weight = 0
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 12
primary = 192.168.1.300
primary_private = 0.0.0.0
service = ipvs
backup_active = 2
heartbeat_port = nosuchservice
keepalive = 6s
network = dr
nat_nmask = 255.255.255.0/24
virtual web {
     active = yes
     address = 192.168.1.100 eth0:1
     vip_nmask = /24
     sorry_server = sorry.example.com
     timeout = 1.5
     scheduler = leastconn
     protocol = sctp
     persistent = 300
     pmask = 255.255.x.0
     server web1 {
         address = 10.0.0.1
         active = 1
         port = http
         weight = 08
     }
}
`,
      errors: [
        { line: 2, column: 11, endLine: 2, endColumn: 24, severity: "error", message: "`192.168.1.300` is not a valid `primary` (invalid argument):" },
        { line: 3, column: 19, endLine: 3, endColumn: 26, severity: "error", message: "`0.0.0.0` is not a valid `primary_private` (invalid host name" },
        { line: 4, column: 11, endLine: 4, endColumn: 15, severity: "error", message: "`ipvs` is not a valid `service` (invalid argument): Piranha" },
        { line: 5, column: 17, endLine: 5, endColumn: 18, severity: "error", message: "`2` is not a valid `backup_active` (boolean expected): Piranha" },
        { line: 6, column: 18, endLine: 6, endColumn: 31, severity: "error", message: "`nosuchservice` is not a valid `heartbeat_port` (invalid" },
        { line: 7, column: 13, endLine: 7, endColumn: 15, severity: "error", message: "`6s` is not a valid `keepalive` (integer expected): Piranha" },
        { line: 8, column: 11, endLine: 8, endColumn: 13, severity: "error", message: "`dr` is not a valid `network` (invalid argument): Piranha" },
        { line: 9, column: 13, endLine: 9, endColumn: 29, severity: "error", message: "`255.255.255.0/24` is not a valid `nat_nmask` (Bad subnet mask" },
        { line: 11, column: 15, endLine: 11, endColumn: 18, severity: "error", message: "`yes` is not a valid `active` (integer expected): Piranha" },
        { line: 13, column: 18, endLine: 13, endColumn: 21, severity: "error", message: "`/24` is not a valid `vip_nmask` (Bad subnet mask specified):" },
        { line: 14, column: 21, endLine: 14, endColumn: 38, severity: "error", message: "`sorry.example.com` is not a valid `sorry_server` (invalid host" },
        { line: 15, column: 16, endLine: 15, endColumn: 19, severity: "error", message: "`1.5` is not a valid `timeout` (integer expected): Piranha" },
        { line: 16, column: 18, endLine: 16, endColumn: 27, severity: "error", message: "`leastconn` is not a valid `scheduler` (invalid argument):" },
        { line: 17, column: 17, endLine: 17, endColumn: 21, severity: "error", message: "`sctp` is not a valid `protocol` (invalid argument): Piranha" },
        { line: 19, column: 14, endLine: 19, endColumn: 25, severity: "error", message: "`255.255.x.0` is not a netmask: Piranha silently ignores this" },
        { line: 23, column: 17, endLine: 23, endColumn: 21, severity: "error", message: "`http` is not a valid `port` (integer expected): Piranha" },
        { line: 24, column: 19, endLine: 24, endColumn: 21, severity: "error", message: "`08` is not a valid `weight` (integer expected): Piranha" },
      ],
    },
  ],
});
