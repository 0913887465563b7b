/** LVS2015 empty-pool: An active virtual server with no active real server: the service is created and nothing answers on it. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2015", {
  valid: [
    {
      name: "HTTP and HTTPS share firewall mark 80: one IPVS service, one pool of real servers",
      code: `# HTTP and HTTPS share firewall mark 80: one IPVS service, one pool of real servers.
serial_no = 7
primary = 192.168.26.9
service = lvs
network = direct
virtual HTTP {
     active = 1
     address = 192.168.26.10 eth0:1
     vip_nmask = 255.255.255.0
     fwmark = 80
     port = 80
     persistent = 300
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server web1 {
         address = 192.168.26.21
         active = 1
         weight = 1
     }
     server web2 {
         address = 192.168.26.22
         active = 1
         weight = 2
     }
}
virtual HTTPS {
     active = 1
     address = 192.168.26.10 eth0:1
     vip_nmask = 255.255.255.0
     fwmark = 80
     port = 443
     persistent = 300
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
}
`,
    },
    {
      name: "the configuration the rule's page shows as right",
      code: `serial_no = 5
primary = 192.168.60.56
service = lvs
network = direct
virtual web {
     active = 1
     address = 192.168.60.200 eth0:1
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     timeout = 6
     reentry = 15
     server web1 {
         address = 192.168.60.132
         active = 1
     }
     server web2 {
         address = 192.168.60.144
         active = 0
     }
}
# Not started, so an empty pool does not matter yet.
virtual staging {
     active = 0
     address = 192.168.60.202 eth0:3
     port = 80
}
`,
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: `serial_no = 6
primary = 192.168.60.56
service = lvs
network = direct
virtual web {
     active = 1
     address = 192.168.60.200 eth0:1
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     timeout = 6
     reentry = 15
     server web1 {
         address = 192.168.60.132
         active = 0
     }
     server web2 {
         address = 192.168.60.144
         active = 0
     }
}
virtual api {
     active = 1
     address = 192.168.60.201 eth0:2
     port = 8080
     timeout = 6
     reentry = 15
}
virtual ok {
     active = 1
     address = 192.168.60.202 eth0:3
     port = 80
     server web3 {
         address = 192.168.60.150
         active = 1
     }
}
`,
      errors: [
        { line: 5, column: 1, endLine: 5, endColumn: 14, severity: "warning", message: "`virtual web` is active, but none of its 2 real servers is" },
        { line: 22, column: 1, endLine: 22, endColumn: 14, severity: "warning", message: "`virtual api` is active, but has no `server` block: lvsd" },
      ],
    },
  ],
});
