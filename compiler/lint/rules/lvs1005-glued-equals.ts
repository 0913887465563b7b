import type { Rule } from "../types.ts";

export const gluedEquals: Rule = {
  meta: {
    id: "LVS1005",
    alias: "glued-equals",
    severity: "error",
    description: "`=` touching the keyword or the value; Piranha needs blanks around it.",
    fixable: true,
    parser: "refuses",
    scope: "segment",
  },
  create(ctx) {
    return {
      unusualStatement(stmt) {
        if (!stmt.key || stmt.equalsAt < 0) return;
        const left = stmt.key.end === stmt.equalsAt;
        const value = stmt.values[0];
        const right = value !== undefined && value.start === stmt.equalsAt + 1;
        if (!left && !right) return;
        const what = left && right ? "keyword and value" : left ? "keyword" : "value";
        const piranha = left ? "unknown command" : "equal (=) expected after command";
        ctx.report({
          start: left ? stmt.key.start : stmt.equalsAt,
          end: right ? value!.end : stmt.equalsAt + 1,
          message: `\`=\` is glued to the ${what}: Piranha splits only at blanks and reads one word (${piranha}). Write \`${stmt.key.value} = …\`.`,
          fix: { range: [stmt.equalsAt, stmt.equalsAt + 1], text: `${left ? " " : ""}=${right ? " " : ""}` },
        });
      },
    };
  },
};
