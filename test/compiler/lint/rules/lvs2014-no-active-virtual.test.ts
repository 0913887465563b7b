/** LVS2014 no-active-virtual: No `virtual` block has `active = 1`: pulse refuses to start. */
import { ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS2014", {
  valid: [
    {
      name: "One director, direct routing: the web service runs, the mail service is parked",
      code: `# One director, direct routing: the web service runs, the mail service is parked.
serial_no = 3
primary = 192.168.60.56
service = lvs
network = direct
virtual web {
     active = 1
     address = 192.168.60.200 eth0:1
     vip_nmask = 255.255.255.255
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     protocol = tcp
     timeout = 6
     reentry = 15
     server web1 {
         address = 192.168.60.132
         active = 1
         weight = 1
     }
     server web2 {
         address = 192.168.60.144
         active = 1
         weight = 1
     }
}
virtual mail {
     active = 0
     address = 192.168.60.201 eth0:2
     vip_nmask = 255.255.255.255
     port = 25
     send = "QUIT\\r\\n"
     expect = "220"
     scheduler = rr
     protocol = tcp
     timeout = 6
     reentry = 15
     server mx1 {
         address = 192.168.60.133
         active = 1
         weight = 1
     }
}
`,
    },
  ],
  invalid: [
    {
      name: "no virtual",
      code: `serial_no = 1
primary = 192.168.60.56
service = lvs
network = direct
keepalive = 6
deadtime = 18
`,
      errors: [
        { line: 1, column: 1, endLine: 1, endColumn: 1, severity: "error", message: "The file defines no `virtual` block: pulse refuses to start (no" },
      ],
    },
    {
      name: "Both services switched off: pulse has nothing to run",
      code: `# Both services switched off: pulse has nothing to run.
serial_no = 4
primary = 192.168.60.56
service = lvs
network = direct
virtual web {
     active = 0
     address = 192.168.60.200 eth0:1
     port = 80
     send = "GET / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP"
     scheduler = wlc
     timeout = 6
     reentry = 15
     server web1 {
         address = 192.168.60.132
         active = 1
     }
}
virtual mail {
     address = 192.168.60.201 eth0:2
     port = 25
     send = "QUIT\\r\\n"
     expect = "220"
     server mx1 {
         address = 192.168.60.133
         active = 1
     }
}
`,
      errors: [
        { line: 7, column: 6, endLine: 7, endColumn: 16, severity: "error", message: "No `virtual` block has `active = 1`: pulse refuses to start (no" },
      ],
    },
  ],
});
