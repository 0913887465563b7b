export type Verdict = "ok" | { line: number } | "template";

/** Piranha 0.8.6's verdict on each corpus file, from SOURCES.md. */
export const SOURCES_VERDICTS: Readonly<Record<string, Verdict>> = {
  "ssocopsacc_piranha__sample.cf": "ok",
  "ssocopsacc_piranha__lvs.cf": "ok",
  "ssocopsacc_piranha__DirtyBackup_lvs.cf_orig": "ok",
  "tigerlinux_extra-recipes__RECIPE-Piranha-LB-For-SIP_1_serial70.cf": "ok",
  "tigerlinux_extra-recipes__RECIPE-Piranha-LB-For-SIP_2_serial76.cf": "ok",
  "tigerlinux_extra-recipes__RECIPE-Piranha-LB-For-SIP_3_multiport_fragment.cf": "ok",
  "OpenDocCN_netkiller-tut-zh__linux_10_piranha_master.cf": "ok",
  "OpenDocCN_netkiller-tut-zh__linux_10_piranha_slave.cf": "ok",
  "OpenDocCN_netkiller-tut-zh__linux_10_SLB-MySQL_fragment.cf": "ok",
  // ERROR unknown command, line 1 (U+00A0 is not a separator for Piranha)
  "redhat-openstack_website__rdo-mysql-multi-master__RAW_nbsp_indented.cf": { line: 1 },
  "redhat-openstack_website__rdo-mysql-multi-master__normalized.cf": "ok",
  "ssato_miniascape__setup_dr.sh__lvs.cf.j2": "template",
  "DERIVED_ssato_miniascape__lvs.cf.rendered_example_values.cf": "ok",
  "aberends_puppet-construction__lvs.cf.erb": "template",
  "DERIVED_aberends_puppet-construction__lvs.cf.rendered_README_values.cf": "ok",
  "xiemx_blog_LVS-NAT.cf": "ok",
  "xiemx_blog_LVS-DR_fwmark.cf": "ok",
  "RHEL55_send_program_rport8080.cf": "ok",
  "salogs_RHEL5u3_DR_blanklines.cf": "ok",
  "cayu_squid_rhcs_proxy.cf": "ok",
  // ERROR unexpected arguments, line 1 (trailing `#` comments)
  "gaojf_commented_NEGATIVE.cf": { line: 1 },
  // ERROR unexpected arguments, line 3 (inline `#` comments)
  "lvs-keepalived-blog-2021_inline_comments_NEGATIVE.cf": { line: 3 },
};
