/** The character codes the scanner compares, by name. */
export const TAB = 9;
export const LF = 10;
export const VT = 11;
export const FF = 12;
export const CR = 13;
export const SPACE = 32;
export const DOUBLE_QUOTE = 34;
export const HASH = 35;
export const SINGLE_QUOTE = 39;
export const EQUALS_SIGN = 61;
export const BACKSLASH = 92;
export const LOWER_F = 102;
export const LOWER_V = 118;
export const LEFT_BRACE = 123;
export const RIGHT_BRACE = 125;
/** Below this, a code is ASCII. */
export const ASCII_END = 128;
/** The bit that makes an ASCII letter lower case. */
export const LOWER_CASE_BIT = 0x20;
