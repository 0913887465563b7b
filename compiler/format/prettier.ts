/**
 * A Prettier 3 plugin for lvs.cf: `prettier --plugin <package>/prettier lvs.cf`, or
 * `prettier.format(text, { parser: "lvs", plugins: [plugin] })`. The printer hands the whole file
 * to `formatLvs`, so Prettier and `lvs-fmt` always agree.
 */
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

function parse(text: string): LvsRoot {
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
