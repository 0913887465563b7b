/** Semantic rules LVS2027–LVS2039, in id order. */
import type { Rule } from "../types.ts";

export const RULES_2027_2039: readonly Rule[] = [];
