/** `.lvs-lint.json`: per-rule severities, found in the file's folder or the nearest one above. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { findRule } from "./rules/index.ts";
import type { SeveritySetting } from "./types.ts";

export const CONFIG_NAME = ".lvs-lint.json";

export interface LintConfig {
  readonly path: string | null;
  readonly settings: Readonly<Record<string, SeveritySetting>>;
}

export class ConfigError extends Error {}

const SETTINGS = new Set(["off", "info", "warning", "error"]);

/** Validates the text of a config file; throws ConfigError with a one-line reason. */
export function parseConfig(text: string, path: string): LintConfig {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw new ConfigError(`${path}: expected an object such as { "rules": { "LVS1003": "off" } }`);
  for (const key of Object.keys(data)) {
    if (key === "rules") continue;
    // A rule set at the top, beside "rules" rather than in it, would silently do nothing.
    const where = findRule(key) ? `rules belong under "rules": { "rules": { "${key}": … } }` : `the only key is "rules", such as { "rules": { "LVS1003": "off" } }`;
    throw new ConfigError(`${path}: unknown key "${key}" (${where})`);
  }
  const rules = (data as { rules?: unknown }).rules ?? {};
  if (typeof rules !== "object" || rules === null || Array.isArray(rules)) throw new ConfigError(`${path}: "rules" must be an object of rule id or alias to off|info|warning|error`);
  const settings: Record<string, SeveritySetting> = {};
  for (const [name, value] of Object.entries(rules)) {
    const rule = findRule(name);
    if (!rule) throw new ConfigError(`${path}: unknown rule "${name}"`);
    if (typeof value !== "string" || !SETTINGS.has(value)) throw new ConfigError(`${path}: rule "${name}" must be off, info, warning or error`);
    settings[rule.meta.id] = value as SeveritySetting;
  }
  return { path, settings };
}

/** The config that applies to files in `dir`: the nearest `.lvs-lint.json` in `dir` or above. */
export function findConfig(dir: string): LintConfig {
  let d = resolve(dir);
  for (;;) {
    const candidate = join(d, CONFIG_NAME);
    if (existsSync(candidate)) return parseConfig(readFileSync(candidate, "utf8"), candidate);
    const up = dirname(d);
    if (up === d) return { path: null, settings: {} };
    d = up;
  }
}
