/**
 * Token types. The lexer (lexer.ts) reads a line at a time and emits one token per non-empty
 * line, typed by the line's shape; the parser groups those lines into blocks. The words of a
 * line (`pieces`) travel on the line token.
 */
import { createToken, Lexer, type TokenType } from "chevrotain";
import { ASCII_END, SPACE, TAB } from "./chars.ts";

/** `virtual NAME {` or `failover NAME {` (any letter case). */
export const OuterOpen = createToken({ name: "OuterOpen", pattern: Lexer.NA });
/** `server NAME {` (any letter case). */
export const ServerOpen = createToken({ name: "ServerOpen", pattern: Lexer.NA });
/** A line whose first token is `}`. */
export const Close = createToken({ name: "Close", pattern: Lexer.NA });
/** A line holding nothing but `{`. */
export const BraceOnly = createToken({ name: "BraceOnly", pattern: Lexer.NA });
/** Any other non-empty line: `key = value`, or something malformed. */
export const Statement = createToken({ name: "Statement", pattern: Lexer.NA });

export const LINE_TOKENS: TokenType[] = [OuterOpen, ServerOpen, Close, BraceOnly, Statement];

/** Characters that look like blanks but are not space or TAB; Piranha reads them as part of a token. */
export const ODD_BLANK_CHARS =
  "\u000b\u000c\u0085\u00a0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff";

const ODD_SET = new Set([...ODD_BLANK_CHARS].map((c) => c.charCodeAt(0)));
/** The ASCII ones as a table: almost every character a lexer asks about is ASCII. */
const ODD_ASCII = new Uint8Array(ASCII_END);
for (const code of ODD_SET) if (code < ASCII_END) ODD_ASCII[code] = 1;

export function isOddBlank(code: number): boolean {
  return code < ASCII_END ? ODD_ASCII[code] === 1 : ODD_SET.has(code);
}

/** Space or TAB: the only token separators Piranha knows. */
export function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}
