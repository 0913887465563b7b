/** LVS2040 bad-device-name: A device for a VIP, the NAT router or the sync daemon that is not a name Linux gives an interface or alias. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2040", {
  valid: [
    {
      name: "the configuration the rule's page shows as right",
      code: `primary = 10.0.0.1
service = lvs
network = nat
nat_router = 192.168.10.254 bond0.12:gw
nat_nmask = 255.255.255.0
syncdaemon = 1
syncd_iface = eth1
virtual web {
     active = 1
     address = 10.0.0.100 eth0:1
     port = 80
     server a {
         address = 192.168.10.11
         active = 1
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `primary = 10.0.0.1
service = lvs
network = nat
nat_router = 192.168.10.254 eth1:gatewayaddr
nat_nmask = 255.255.255.0
syncdaemon = 1
syncd_iface = lan/1
virtual web {
     active = 1
     address = 10.0.0.100 external0:web8080
     port = 80
     server a {
         address = 192.168.10.11
         active = 1
     }
}
`,
      errors: [
        { line: 4, column: 1, endLine: 4, endColumn: 45, severity: "error", message: "`eth1:gatewayaddr` is not an interface name Linux takes (at" },
        { line: 7, column: 1, endLine: 7, endColumn: 20, severity: "error", message: "`lan/1` is not an interface name Linux takes (at most 15" },
        { line: 10, column: 6, endLine: 10, endColumn: 44, severity: "error", message: "`external0:web8080` is not an interface name Linux takes (at" },
      ],
    },
  ],
});
