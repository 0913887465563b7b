/**
 * The one way a value reaches a generated script: checked for its kind, then quoted so that
 * the shell passes it as one argument, whatever characters it holds.
 */
import { isLinuxDeviceName, isPlainDottedQuad } from "../model/values.ts";

export class UnsafeValueError extends Error {}

const PLAIN_WORD = /^[A-Za-z0-9_./:%@+,=-]+$/;

/** A shell word that stands for exactly `value`: as written when it is plain, else single-quoted. */
export function shQuote(value: string): string {
  if (PLAIN_WORD.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Words of one command line, each quoted. */
export function shCommand(...words: readonly string[]): string {
  return words.map(shQuote).join(" ");
}

/** An IPv4 address in dotted-quad form. */
export function address(value: string): string {
  if (!isPlainDottedQuad(value)) throw new UnsafeValueError(`'${value}' is not an IPv4 address`);
  return value;
}

/** A Linux interface name, optionally with an alias label (`eth0`, `eth0:1`, `bond0.12:vip`). */
export function device(value: string): string {
  if (!isLinuxDeviceName(value)) throw new UnsafeValueError(`'${value}' is not an interface name Linux takes`);
  return value;
}

/** A whole number within [min, max]. */
export function integer(value: number, min: number, max: number): string {
  if (!Number.isInteger(value) || value < min || value > max) throw new UnsafeValueError(`${value} is not a whole number from ${min} to ${max}`);
  return String(value);
}

/** Text for a `#` comment: one line, control characters shown as `?`. */
export function commentText(value: string): string {
  return value.replace(/[\x00-\x1f\x7f]/g, "?");
}
