/** LVS2007 vip-on-base-device: A VIP or the NAT router address on a device without an alias (`eth0`, not `eth0:1`); pulse re-addresses it and takes it down on failover. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2007", {
  valid: [
    {
      name: "VIPs and the NAT router address on aliases of eth0 and eth1",
      code: `# VIPs and the NAT router address on aliases of eth0 and eth1.
serial_no = 30
primary = 172.25.30.14
primary_private = 192.168.122.246
service = lvs
backup_active = 1
backup = 172.25.30.15
backup_private = 192.168.122.247
keepalive = 6
deadtime = 18
network = nat
nat_router = 192.168.122.254 eth2:1
nat_nmask = 255.255.255.0
virtual http {
     active = 1
     address = 172.25.30.100 eth0:1
     vip_nmask = 255.255.255.0
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server node1 {
         address = 192.168.122.224
         active = 1
         weight = 1
     }
     server node2 {
         address = 192.168.122.245
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
      code: `serial_no = 30
primary = 172.25.30.14
service = lvs
network = nat
nat_router = 192.168.122.254 eth2
nat_nmask = 255.255.255.0
virtual http {
     active = 1
     address = 172.25.30.100 eth0
     port = 80
     server node1 {
         address = 192.168.122.224
         active = 1
     }
}
virtual https {
     active = 1
     address = 172.25.30.100 eth0
     port = 443
     server node1 {
         address = 192.168.122.224
         active = 1
     }
}
virtual old {
     active = 0
     address = 172.25.30.101 eth0
     port = 80
}
`,
      errors: [
        { line: 5, column: 1, endLine: 5, endColumn: 34, severity: "error", message: "The NAT router address 192.168.122.254 is on `eth2`, a device" },
        { line: 9, column: 6, endLine: 9, endColumn: 34, severity: "error", message: "VIP 172.25.30.100 is on `eth0`, a device without an alias:" },
      ],
    },
  ],
});
