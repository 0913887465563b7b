/**
 * Piranha's value readers: C strtol(…, 0) with the whole-token check, glibc inet_aton, the
 * tcp service table, host names. Expected values were checked against glibc 2.36.
 */
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  dottedQuadOf,
  formatIPv4,
  inetAton,
  isContiguousMask,
  isOctalOrHex,
  isShorthandAddress,
  parseCBool,
  parseCInt,
  parseHost,
  parseIPv4,
  parseNetmask,
  parsePort,
  plainDecimal,
  plainDottedQuadValue,
} from "../../compiler/model/values.ts";

const ip = (s: string): string | null => {
  const n = inetAton(s);
  return n === null ? null : formatIPv4(n);
};

test("parseCInt reads like strtol(s, &end, 0) with *end == '\\0'", () => {
  const ok: Array<[string, number]> = [
    ["0", 0],
    ["42", 42],
    ["010", 8],
    ["0x10", 16],
    ["0X1f", 31],
    ["-5", -5],
    ["+5", 5],
    ["-0x10", -16],
    ["-010", -8],
    ["", 0],
    [" 7", 7],
    ["\t 7", 7],
    ["00", 0],
    ["2147483647", 2147483647],
    // what C keeps in an int: the low 32 bits
    ["2147483648", -2147483648],
    ["4294967297", 1],
    // strtol saturates at LONG_MAX, whose low 32 bits are all ones
    ["99999999999999999999", -1],
  ];
  for (const [s, v] of ok) assert.equal(parseCInt(s), { ok: true, value: v }, JSON.stringify(s));
  const bad = ["08", "09", "1.5", "7 ", "0x", "0xg", "0x1G", "+", "-", "- 5", " ", "abc", "1e3", "12abc", "０"];
  for (const s of bad) {
    const r = parseCInt(s);
    assert.is(r.ok, false, JSON.stringify(s));
    if (!r.ok) assert.is(r.message, "integer expected");
  }
});

test("parseCBool accepts integers equal to 0 or 1 only", () => {
  assert.equal(parseCBool("1"), { ok: true, value: 1 });
  assert.equal(parseCBool("0"), { ok: true, value: 0 });
  assert.equal(parseCBool("01"), { ok: true, value: 1 });
  assert.equal(parseCBool("0x1"), { ok: true, value: 1 });
  assert.equal(parseCBool(""), { ok: true, value: 0 });
  assert.equal(parseCBool("2"), { ok: false, message: "boolean expected" });
  assert.equal(parseCBool("-1"), { ok: false, message: "boolean expected" });
  assert.equal(parseCBool("yes"), { ok: false, message: "integer expected" });
});

test("isOctalOrHex flags numbers Piranha reads differently than they look", () => {
  for (const s of ["010", "0x10", "-010", "0X1"]) assert.ok(isOctalOrHex(s), s);
  for (const s of ["10", "0", "-5", "08"]) assert.not.ok(isOctalOrHex(s), s);
});

test("inetAton is glibc inet_aton", () => {
  const cases: Array<[string, string | null]> = [
    ["10.0.0.1", "10.0.0.1"],
    ["10.1", "10.0.0.1"],
    ["10.1.2", "10.1.0.2"],
    ["0x0a000001", "10.0.0.1"],
    ["0x0A.0x1.0x2.0x3", "10.1.2.3"],
    ["10.0.0.010", "10.0.0.8"],
    ["012.0.0.1", "10.0.0.1"],
    ["24", "0.0.0.24"],
    ["0", "0.0.0.0"],
    ["255.255.255", "255.255.0.255"],
    ["255.255.255.255", "255.255.255.255"],
    ["4294967295", "255.255.255.255"],
    ["0xffffffff", "255.255.255.255"],
    ["1.16777215", "1.255.255.255"],
    // glibc stops at white space
    ["1.2.3.4 ", "1.2.3.4"],
    ["1.2.3.4\tjunk", "1.2.3.4"],
    ["256.0.0.1", null],
    ["1.2.3.256", null],
    ["1.2.65536", null],
    ["1.16777216", null],
    ["4294967296", null],
    ["1.2.3.4.5", null],
    ["1..2", null],
    ["1.2.3.", null],
    [".1.2.3", null],
    ["", null],
    [" 1.2.3.4", null],
    ["08", null],
    ["10.0.0.09", null],
    ["1.2.3.4x", null],
    ["10.0.0.0/24", null],
    ["-1", null],
    ["+1", null],
    ["www.example.com", null],
  ];
  for (const [s, want] of cases) assert.is(ip(s), want, JSON.stringify(s));
});

test("formatIPv4 prints a dotted quad", () => {
  assert.is(formatIPv4(0), "0.0.0.0");
  assert.is(formatIPv4(0xffffffff), "255.255.255.255");
  assert.is(formatIPv4(0x0a000001), "10.0.0.1");
});

test("parseIPv4 and parseNetmask accept any inet_aton form, with Piranha's messages", () => {
  assert.equal(parseIPv4("10.1"), { ok: true, value: "10.0.0.1" });
  assert.equal(parseIPv4("host.example.com"), { ok: false, message: "invalid host name or ip address" });
  assert.equal(parseNetmask("24"), { ok: true, value: "0.0.0.24" });
  assert.equal(parseNetmask("255.255.255"), { ok: true, value: "255.255.0.255" });
  assert.equal(parseNetmask("/24"), { ok: false, message: "Bad subnet mask specified" });
});

test("isContiguousMask and isShorthandAddress", () => {
  for (const m of ["255.255.255.0", "255.255.240.0", "0.0.0.0", "255.255.255.255", "128.0.0.0"]) assert.ok(isContiguousMask(m), m);
  for (const m of ["255.0.255.0", "0.0.0.24", "255.255.0.255", "bogus"]) assert.not.ok(isContiguousMask(m), m);
  for (const a of ["10.1", "0x0a000001", "010.0.0.1", "10.0.0.010", "24"]) assert.ok(isShorthandAddress(a), a);
  for (const a of ["10.0.0.1", "0.0.0.0", "192.168.255.255"]) assert.not.ok(isShorthandAddress(a), a);
});

test("property: the fast paths agree with the general readers (plain decimals, plain dotted quads)", () => {
  const numberish = fc.oneof(fc.stringMatching(/^[-+ ]?[0-9xX]{0,12}$/), fc.integer().map(String), fc.string({ maxLength: 12 }));
  fc.assert(
    fc.property(numberish, (s) => {
      const plain = plainDecimal(s);
      if (!Number.isNaN(plain)) assert.equal(parseCInt(s), { ok: true, value: plain }, JSON.stringify(s));
    }),
    { numRuns: 3000 },
  );
  const part = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.stringMatching(/^0[0-9xX]{1,3}$/), fc.constant(""));
  const addressish = fc.oneof(fc.array(part, { minLength: 1, maxLength: 5 }).map((p) => p.join(".")), fc.string({ maxLength: 16 }));
  fc.assert(
    fc.property(addressish, (s) => {
      const n = inetAton(s);
      if (n !== null) assert.is(dottedQuadOf(s, n), formatIPv4(n), JSON.stringify(s));
      assert.is(isShorthandAddress(s), !(n !== null && formatIPv4(n) === s), JSON.stringify(s));
      // A plain dotted quad's number is the address inet_aton reads, as a signed 32-bit number.
      assert.is(plainDottedQuadValue(s), isShorthandAddress(s) ? null : n! | 0, JSON.stringify(s));
    }),
    { numRuns: 3000 },
  );
  assert.ok(Number.isNaN(plainDecimal("-0")));
  assert.ok(Number.isNaN(plainDecimal("1234567890")));
  assert.is(plainDecimal("-123456789"), -123456789);
});

test("parsePort: an integer, else a tcp service name", () => {
  assert.equal(parsePort("http"), { ok: true, value: 80 });
  assert.equal(parsePort("ssh"), { ok: true, value: 22 });
  assert.equal(parsePort("https"), { ok: true, value: 443 });
  assert.equal(parsePort("ftp"), { ok: true, value: 21 });
  assert.equal(parsePort("80"), { ok: true, value: 80 });
  assert.equal(parsePort("0x50"), { ok: true, value: 80 });
  assert.equal(parsePort("070"), { ok: true, value: 56 });
  assert.equal(parsePort("99999"), { ok: true, value: 99999 }, "no range check");
  assert.equal(parsePort("HTTP"), { ok: false, message: "invalid argument" }, "service names are case-sensitive");
  assert.equal(parsePort("no-such-service"), { ok: false, message: "invalid argument" });
  assert.equal(parsePort("80/tcp"), { ok: false, message: "invalid argument" });
});

test("parseHost: inet_aton first, else a host name", () => {
  assert.equal(parseHost("10.0.0.1"), { ok: true, value: { kind: "ip", address: "10.0.0.1" } });
  assert.equal(parseHost("10.1"), { ok: true, value: { kind: "ip", address: "10.0.0.1" } });
  assert.equal(parseHost("123"), { ok: true, value: { kind: "ip", address: "0.0.0.123" } });
  assert.equal(parseHost("0.0.0.0"), { ok: true, value: { kind: "ip", address: "0.0.0.0" } });
  assert.equal(parseHost("www.example.com"), { ok: true, value: { kind: "name", name: "www.example.com" } });
  assert.equal(parseHost("web-1"), { ok: true, value: { kind: "name", name: "web-1" } });
  assert.equal(parseHost("sql1.example.com"), { ok: true, value: { kind: "name", name: "sql1.example.com" } });
  for (const bad of ["1.2.3.4.5", "a..b", "-x", "", "has space", "a/b", "10.0.0.0/24", "<%="]) {
    assert.equal(parseHost(bad), { ok: false, message: "invalid argument" }, JSON.stringify(bad));
  }
});

test.run();
