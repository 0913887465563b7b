/**
 * A Prettier 3 plugin for lvs.cf: `prettier --plugin <package>/prettier lvs.cf`, or
 * `prettier.format(text, { parser: "lvs", plugins: [plugin] })`. The printer hands the whole file
 * to the same formatter as `lvs-fmt`, so the two always agree.
 */
import { formatChecked } from "./errors.ts";

/** The whole file, already formatted while it was checked. */
export interface LvsRoot {
  readonly type: "lvs-root";
  readonly text: string;
  readonly output: string;
  readonly start: number;
  readonly end: number;
}

interface PrintPath {
  readonly node: LvsRoot;
}

/** Prettier shows a code frame for an error with `loc`. */
class LvsSyntaxError extends SyntaxError {
  constructor(
    message: string,
    readonly loc: { start: { line: number; column: number } },
  ) {
    super(message);
  }
}

function parse(text: string, options: object): LvsRoot {
  const indent = (options as { lvsIndent?: number }).lvsIndent;
  const { output, error } = formatChecked(text, { indent: indent ? indent : "gui" });
  if (error) throw new LvsSyntaxError(`${error.message} (LVS1001)`, { start: { line: error.line, column: error.column } });
  return { type: "lvs-root", text, output, start: 0, end: text.length };
}

const locStart = (node: LvsRoot): number => node.start;
const locEnd = (node: LvsRoot): number => node.end;

function print(path: PrintPath): string {
  return path.node.output;
}

export const languages = [{ name: "lvs.cf", parsers: ["lvs"], filenames: ["lvs.cf"], extensions: [".cf"] }];
export const parsers = { lvs: { parse, astFormat: "lvs-ast", locStart, locEnd } };
export const printers = { "lvs-ast": { print } };
export const options = {
  lvsIndent: {
    type: "int",
    category: "LVS",
    default: 0,
    description: "Spaces per nesting level; 0 (the default) keeps the layout Piranha's tool writes (5 and 9 columns).",
  },
} as const;

const plugin = { languages, parsers, printers, options };
export { plugin };
export default plugin;
