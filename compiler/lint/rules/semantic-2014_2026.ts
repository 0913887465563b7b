/** Semantic rules LVS2014–LVS2026, in id order. */
import type { Rule } from "../types.ts";

export const RULES_2014_2026: readonly Rule[] = [];
