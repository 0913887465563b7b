/**
 * A Prettier 3 plugin for lvs.cf: `prettier --plugin <package>/prettier lvs.cf`, or
 * `prettier.format(text, { parser: "lvs", plugins: [plugin] })`. The parser gives Prettier a tree
 * of statements and blocks with the own-line comments beside it; Prettier attaches each comment
 * to a node by its own algorithm, and the printer lays the nodes out as `lvs-fmt` does (the line
 * texts come from the same functions). A comment on a statement's own line belongs to the
 * statement and is printed above it, one of the formatter's repairs.
 */
import { doc, util, type AstPath, type Doc, type Options, type Printer } from "prettier";
import { parse as parseLvs, type Block, type BlockItem, type Comment, type Statement, type Stray, type TopItem } from "../../grammar/index.ts";
import { formatChecked } from "./errors.ts";
import { blankBetween, blockHeaderLine, closeLine, isGlobalItem, isIgnoreComment, statementLine, strayLine } from "./print.ts";

const { align, hardline } = doc.builders;

/** A comment as Prettier attaches it (it sets `leading`, `trailing` and `printed`). */
interface CommentNode {
  readonly type: "comment";
  readonly start: number;
  readonly end: number;
  readonly text: string;
  leading?: boolean;
  trailing?: boolean;
  /** Set by whoever prints it; Prettier checks that every comment was. */
  printed?: boolean;
}

interface NodeBase {
  readonly start: number;
  readonly end: number;
  /** The comments Prettier attached. */
  comments?: CommentNode[];
}

interface StatementNode extends NodeBase {
  readonly type: "statement";
  readonly item: Statement;
}

interface StrayNode extends NodeBase {
  readonly type: "stray";
  readonly item: Stray;
}

interface BlockNode extends NodeBase {
  readonly type: "block";
  readonly item: Block;
  readonly body: ChildNode[];
  /** Where the body starts: after the `{`, or after the keyword when there is none. */
  readonly bodyStart: number;
}

type ChildNode = StatementNode | StrayNode | BlockNode;

export interface LvsRoot extends NodeBase {
  readonly type: "root";
  readonly body: ChildNode[];
  /** The own-line comments, for Prettier to attach. */
  readonly comments: CommentNode[];
  readonly text: string;
}

type LvsNode = LvsRoot | ChildNode | CommentNode;

/** Prettier shows a code frame for an error with `loc`. */
class LvsSyntaxError extends SyntaxError {
  constructor(
    message: string,
    readonly loc: { start: { line: number; column: number } },
  ) {
    super(message);
  }
}

function childNode(item: TopItem | BlockItem): ChildNode {
  if (item.kind === "statement") return { type: "statement", start: item.start, end: item.end, item };
  if (item.kind === "stray") return { type: "stray", start: item.start, end: item.end, item };
  return {
    type: "block",
    start: item.start,
    end: item.end,
    item,
    body: item.items.map(childNode),
    bodyStart: item.braceAt >= 0 ? item.braceAt + 1 : item.keyword.end,
  };
}

function parse(text: string, options: object): LvsRoot {
  const indent = (options as { lvsIndent?: number }).lvsIndent;
  const { error } = formatChecked(text, { indent: indent ? indent : "gui" });
  if (error) throw new LvsSyntaxError(`${error.message} (LVS1001)`, { start: { line: error.line, column: error.column } });
  const file = parseLvs(text);
  // Comments on a line of their own; one after a statement or a brace belongs to that line.
  const inline = new Set<Comment>();
  const visit = (items: ReadonlyArray<TopItem | BlockItem>): void => {
    for (const item of items) {
      if (item.comment) inline.add(item.comment);
      if (item.kind === "block") {
        if (item.close?.comment) inline.add(item.close.comment);
        visit(item.items);
      }
    }
  };
  visit(file.items);
  const comments = file.comments.filter((c) => !inline.has(c)).map((c): CommentNode => ({ type: "comment", start: c.start, end: c.end, text: c.text }));
  return { type: "root", start: 0, end: text.length, body: file.items.map(childNode), comments, text };
}

const locStart = (node: LvsNode): number => node.start;
const locEnd = (node: LvsNode): number => node.end;

function leadingComments(node: NodeBase): CommentNode[] {
  return (node.comments ?? []).filter((c) => c.leading);
}

function danglingComments(node: NodeBase): CommentNode[] {
  return (node.comments ?? []).filter((c) => !c.leading && !c.trailing);
}

/** Where a node's printed lines begin in the source: its first leading comment, or itself. */
function firstStart(node: ChildNode): number {
  return Math.min(node.start, ...leadingComments(node).map((c) => c.start));
}

interface PrintSettings {
  readonly lvsIndent?: number;
  readonly originalText: string;
}

/** The indentation of a body at `depth` (1 = inside a top-level block): 5, then 4 more per level. */
function bodyAlign(settings: PrintSettings, depth: number): number {
  const uniform = settings.lvsIndent;
  if (uniform) return uniform;
  return depth === 1 ? 5 : 4;
}

/**
 * Children one per line, a blank line kept where the source had one before a child (or before
 * its first comment), then comments left at the end; `order` lists the children as printed.
 */
function printBody(children: readonly ChildNode[], order: readonly number[], printed: readonly Doc[], dangling: readonly CommentNode[], bodyStart: number, text: string): Doc[] {
  const parts: Doc[] = [];
  for (const [k, i] of order.entries()) {
    const previousEnd = i === 0 ? bodyStart : children[i - 1]!.end;
    if (k > 0) parts.push(hardline);
    if (k > 0 && blankBetween(text, previousEnd, firstStart(children[i]!))) parts.push(hardline);
    parts.push(printed[i]!);
  }
  let previousEnd = children.length ? children[children.length - 1]!.end : bodyStart;
  for (const c of dangling) {
    if (parts.length) parts.push(hardline);
    if (parts.length && blankBetween(text, previousEnd, c.start)) parts.push(hardline);
    parts.push(c.text.trimEnd());
    c.printed = true;
    previousEnd = c.end;
  }
  return parts;
}

/** A comment on the statement's or opener's own line, printed on the line above it. */
function inlineAbove(comment: Comment | null): Doc[] {
  return comment ? [comment.text.trimEnd(), hardline] : [];
}

function print(path: AstPath<LvsNode>, options: Options, printChild: (path: AstPath<LvsNode>) => Doc): Doc {
  const node = path.node;
  const settings = options as unknown as PrintSettings;
  const text = settings.originalText;
  switch (node.type) {
    case "root": {
      const printed = (path as AstPath<LvsRoot>).map(printChild as (p: AstPath<ChildNode>) => Doc, "body");
      const indices = node.body.map((_, i) => i);
      const order = [...indices.filter((i) => isGlobalItem(node.body[i]!.item)), ...indices.filter((i) => !isGlobalItem(node.body[i]!.item))];
      const parts = printBody(node.body, order, printed, danglingComments(node), 0, text);
      return parts.length ? [...parts, hardline] : "";
    }
    case "block": {
      const block = node.item;
      const depth = path.ancestors.filter((a) => (a as LvsNode).type === "block").length + 1;
      const printed = (path as AstPath<BlockNode>).map(printChild as (p: AstPath<ChildNode>) => Doc, "body");
      const body = printBody(node.body, node.body.map((_, i) => i), printed, danglingComments(node), node.bodyStart, text);
      return [
        ...inlineAbove(block.comment),
        blockHeaderLine(block),
        body.length ? align(bodyAlign(settings, depth), [hardline, ...body]) : "",
        hardline,
        closeLine(block),
        ...(block.close?.comment ? [hardline, block.close.comment.text.trimEnd()] : []),
      ];
    }
    case "statement":
      return [...inlineAbove(node.item.comment), statementLine(node.item)];
    case "stray":
      return [...inlineAbove(node.item.comment), strayLine(node.item)];
    case "comment":
      return node.text.trimEnd();
  }
}

/** The own-line comments after the last item of the file stay at its end, whatever moves. */
function ownLineComment(comment: { followingNode?: LvsNode; enclosingNode?: LvsNode }, _text: string, _options: unknown, ast: LvsRoot): boolean {
  if (comment.followingNode || (comment.enclosingNode && comment.enclosingNode.type !== "root")) return false;
  util.addDanglingComment(ast, comment, "");
  return true;
}

const printer: Printer<LvsNode> = {
  print,
  printComment: (path) => (path.node as CommentNode).text.trimEnd(),
  canAttachComment: (node) => node.type === "statement" || node.type === "block" || node.type === "stray",
  isBlockComment: () => false,
  getVisitorKeys: (node) => (node.type === "root" || node.type === "block" ? ["body"] : []),
  hasPrettierIgnore: (path) => leadingComments(path.node as NodeBase).some((c) => isIgnoreComment(c as unknown as Comment)),
  handleComments: { ownLine: ownLineComment as NonNullable<Printer["handleComments"]>["ownLine"] },
};

export const languages = [{ name: "lvs.cf", parsers: ["lvs"], filenames: ["lvs.cf"], extensions: [".cf"] }];
export const parsers = { lvs: { parse, astFormat: "lvs-ast", locStart, locEnd } };
export const printers = { "lvs-ast": printer };
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
