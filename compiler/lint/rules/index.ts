import type { Rule } from "../types.ts";
import { syntaxError } from "./lvs1001-syntax-error.ts";
import { unknownKeyword } from "./lvs1002-unknown-keyword.ts";
import { inlineComment } from "./lvs1003-inline-comment.ts";
import { crlfLineEndings } from "./lvs1004-crlf-line-endings.ts";
import { gluedEquals } from "./lvs1005-glued-equals.ts";
import { gluedBrace } from "./lvs1006-glued-brace.ts";
import { badQuoting } from "./lvs1007-bad-quoting.ts";
import { nonAsciiWhitespace } from "./lvs1008-non-ascii-whitespace.ts";
import { keywordCase } from "./lvs1009-keyword-case.ts";
import { invalidValue } from "./lvs1010-invalid-value.ts";
import { missingClosingBrace } from "./lvs1011-missing-closing-brace.ts";
import { tokensAfterBrace } from "./lvs1012-tokens-after-brace.ts";
import { octalOrHexNumber } from "./lvs1013-octal-or-hex-number.ts";
import { hostnameAddress } from "./lvs1014-hostname-address.ts";
import { duplicateKey } from "./lvs1015-duplicate-key.ts";
import { emptyFile } from "./lvs1016-empty-file.ts";
import { wrongArity } from "./lvs1017-wrong-arity.ts";
import { ignoredKeyword } from "./lvs1018-ignored-keyword.ts";
import { fileTooLarge } from "./lvs1019-file-too-large.ts";
import { unusedDisable } from "./lvs1020-unused-disable.ts";
import { RULES_2001_2013 } from "./semantic-2001_2013.ts";
import { RULES_2014_2026 } from "./semantic-2014_2026.ts";
import { RULES_2027_2040 } from "./semantic-2027_2040.ts";

export const UNUSED_DISABLE_RULE = unusedDisable;

/** Every rule, in id order. */
export const ALL_RULES: readonly Rule[] = [
  syntaxError,
  unknownKeyword,
  inlineComment,
  crlfLineEndings,
  gluedEquals,
  gluedBrace,
  badQuoting,
  nonAsciiWhitespace,
  keywordCase,
  invalidValue,
  missingClosingBrace,
  tokensAfterBrace,
  octalOrHexNumber,
  hostnameAddress,
  duplicateKey,
  emptyFile,
  wrongArity,
  ignoredKeyword,
  fileTooLarge,
  unusedDisable,
  ...RULES_2001_2013,
  ...RULES_2014_2026,
  ...RULES_2027_2040,
];

/** The rules about what Piranha's parser rejects or misreads (LVS1xxx). */
export const PARSER_RULES: readonly Rule[] = ALL_RULES.filter((r) => r.meta.id.startsWith("LVS1"));

export function findRule(idOrAlias: string): Rule | undefined {
  return ALL_RULES.find((r) => r.meta.id === idOrAlias || r.meta.alias === idOrAlias);
}
