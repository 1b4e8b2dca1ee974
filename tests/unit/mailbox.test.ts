import { describe, expect, it } from "vitest";
import { domainOf, parseMailbox } from "@/lib/mailbox";

/** One strict mailbox (src/lib/mailbox.ts): what a backup address may be, and why anything else is refused. */
describe("parseMailbox", () => {
  it.each([
    ["name@gmail.com", "name", "gmail.com"],
    ["erin.backup@gmail.example", "erin.backup", "gmail.example"],
    ["o'brien+tag@mail.example.org", "o'brien+tag", "mail.example.org"],
    ["a_b-c=d@sub-1.example.co.uk", "a_b-c=d", "sub-1.example.co.uk"],
    ["x@EXAMPLE.Org", "x", "example.org"],
    ["m@xn--bcher-kva.example", "m", "xn--bcher-kva.example"],
    ["m@example.xn--fiqs8s", "m", "example.xn--fiqs8s"],
    [`${"l".repeat(64)}@example.com`, "l".repeat(64), "example.com"],
  ])("accepts %s", (input, local, domain) => {
    expect(parseMailbox(input)).toEqual({ ok: true, address: `${local}@${domain}`, local, domain });
  });

  it.each([
    // The two from the review: a list read as two recipients, and a stray bracket.
    ["boss,ceo@evil.test", "one_address"],
    ["x@example.com>", "one_address"],
    ["boss@gmail.example, ceo@evil.test", "one_address"],
    ["a@b.example;c@evil.test", "one_address"],
    ["Boss <ceo@evil.test>", "one_address"],
    ["<ceo@evil.test>", "one_address"],
    ['"boss"@evil.test', "one_address"],
    ["ceo@evil.test (Boss)", "one_address"],
    ["ceo(comment)@evil.test", "one_address"],
    ["a b@example.com", "one_address"],
    ["ab@example.com\t", "one_address"],
    ["a\u00a0b@example.com", "one_address"],
    ["a@b@example.com", "one_address"],
    ["@relay:ceo@evil.test", "one_address"],
    ["ceo@[192.0.2.1]", "one_address"],
    ["undisclosed:;", "one_address"],
    ["", "required"],
    ["not-an-address", "invalid"],
    ["@example.com", "invalid"],
    ["name@", "invalid"],
    [".name@example.com", "invalid"],
    ["name.@example.com", "invalid"],
    ["na..me@example.com", "invalid"],
    ["a%evil.test@relay.example", "invalid"],
    ["host!user@relay.example", "invalid"],
    ["a|cmd@example.com", "invalid"],
    ["a/b@example.com", "invalid"],
    ["名字@example.com", "invalid"],
    ["name@localhost", "invalid"],
    ["name@192.0.2.1", "invalid"],
    ["name@-example.com", "invalid"],
    ["name@example-.com", "invalid"],
    ["name@exa_mple.com", "invalid"],
    ["name@example..com", "invalid"],
    ["name@example.com.", "invalid"],
    ["name@example.c", "invalid"],
    [`name@${"a".repeat(64)}.com`, "invalid"],
    ["name@bücher.example", "unicode_domain"],
    ["name@例子.中国", "unicode_domain"],
    [`${"l".repeat(65)}@example.com`, "too_long"],
    [`name@${`${"a".repeat(62)}.`.repeat(4)}com`, "too_long"],
  ])("refuses %j (%s)", (input, error) => {
    expect(parseMailbox(input)).toEqual({ ok: false, error });
  });

  it("domainOf: the part after the last @, in lower case", () => {
    expect(domainOf("Alice@Example.COM")).toBe("example.com");
  });
});
