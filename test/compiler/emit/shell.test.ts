import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { address, device, integer, shCommand, shQuote, UnsafeValueError } from "../../../compiler/emit/shell.ts";

/** What each shell prints for `printf '%s\0' WORD…`: the arguments as it received them. */
function argumentsSeenBy(shell: string, words: readonly string[]): string[] {
  const r = spawnSync(shell, ["-c", `printf '%s\\0' ${shCommand(...words)}`], { encoding: "utf8" });
  assert.is(r.status, 0, r.stderr);
  return r.stdout.split("\0").slice(0, -1);
}

test("plain words stay as written; anything else is single-quoted", () => {
  assert.is(shQuote("10.0.0.1:80"), "10.0.0.1:80");
  assert.is(shQuote("eth0:1"), "eth0:1");
  assert.is(shQuote(""), "''");
  assert.is(shQuote("a b"), "'a b'");
  assert.is(shQuote("it's"), "'it'\\''s'");
  assert.is(shQuote("$(reboot)"), "'$(reboot)'");
});

test("any string reaches dash and bash as one intact argument", () => {
  const text = fc.string({ unit: fc.oneof(fc.constantFrom("'", '"', "$", "`", "\\", "\n", ";", "|", "&", "*", "~", " ", "(", ")", "!", "#", "{", "}"), fc.string({ minLength: 1, maxLength: 1, unit: "binary" })) });
  fc.assert(
    fc.property(fc.array(text.filter((s) => !s.includes("\0")), { minLength: 1, maxLength: 8 }), (words) => {
      for (const shell of ["dash", "bash"]) assert.equal(argumentsSeenBy(shell, words), words, shell);
    }),
    { numRuns: 60 },
  );
});

test("values are checked for their kind before they reach a script", () => {
  assert.is(address("192.168.1.10"), "192.168.1.10");
  for (const bad of ["web1.example.com", "10.1", "1.2.3.256", "010.0.0.1", "1.2.3.4 ", ""]) {
    assert.throws(() => address(bad), (e: unknown) => e instanceof UnsafeValueError, bad);
  }
  for (const good of ["eth0", "eth0:1", "bond0.12", "enp3s0f1:vip"]) assert.is(device(good), good);
  assert.is(device("eth$(x)"), "eth$(x)", "Linux takes it; quoting keeps it one word");
  for (const bad of ["eth0 ", "a/b", "averyveryverylongname", "eth0:1:2", "eth0:", "..", ""]) {
    assert.throws(() => device(bad), (e: unknown) => e instanceof UnsafeValueError, bad);
  }
  assert.is(integer(80, 0, 65535), "80");
  assert.throws(() => integer(65536, 0, 65535));
  assert.throws(() => integer(1.5, 0, 65535));
});

test.run();
