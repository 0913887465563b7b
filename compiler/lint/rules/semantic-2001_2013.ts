/** Semantic rules LVS2001–LVS2013, in id order. */
import type { Rule } from "../types.ts";

export const RULES_2001_2013: readonly Rule[] = [];
