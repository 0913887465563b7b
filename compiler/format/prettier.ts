/**
 * A Prettier 3 plugin for lvs.cf: `prettier --plugin <package>/prettier lvs.cf`, or
 * `prettier.format(text, { parser: "lvs", plugins: [plugin] })`. The printer hands the whole file
 * to `formatLvs`, so Prettier and `lvs-fmt` always agree.
 */
import { unrepairableSyntaxError } from "./errors.ts";
import { formatLvs } from "./print.ts";

/** The whole file: the formatter works from the original text. */
export interface LvsRoot {
  readonly type: "lvs-root";
  readonly text: string;
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

function parse(text: string): LvsRoot {
  const error = unrepairableSyntaxError(text, formatLvs(text));
  if (error) throw new LvsSyntaxError(`${error.message} (LVS1001)`, { start: { line: error.line, column: error.column } });
  return { type: "lvs-root", text, start: 0, end: text.length };
}

const locStart = (node: LvsRoot): number => node.start;
const locEnd = (node: LvsRoot): number => node.end;

function print(path: PrintPath, options: { originalText?: string }): string {
  return formatLvs(options.originalText ?? path.node.text);
}

export const languages = [{ name: "lvs.cf", parsers: ["lvs"], filenames: ["lvs.cf"], extensions: [".cf"] }];
export const parsers = { lvs: { parse, astFormat: "lvs-ast", locStart, locEnd } };
export const printers = { "lvs-ast": { print } };

const plugin = { languages, parsers, printers };
export { plugin };
export default plugin;
