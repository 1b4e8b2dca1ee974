import { describe, expect, it } from "vitest";
import { maskEmail } from "@/lib/email";

/**
 * A masked address tells its owner which one it is and nobody else where it
 * is: the first character of the local part and of the domain, the public
 * suffix kept (src/lib/email.ts).
 */
describe("maskEmail", () => {
  it.each([
    ["alice.wang@gmail.com", "a•••@g•••.com"],
    ["x@example.org", "x•••@e•••.org"],
    ["erin.backup@gmail.example", "e•••@g•••.example"],
    ["bob@mail.corp.example.com", "b•••@m•••.com"],
    ["li@example.co.uk", "l•••@e•••.co.uk"],
    ["wang@163.com.cn", "w•••@1•••.com.cn"],
    ["kim@naver.ac.kr", "k•••@n•••.ac.kr"],
    ["a@co.uk", "a•••@c•••.uk"],
    ["a@sub.example.uk", "a•••@s•••.uk"],
    ["m@xn--bcher-kva.example", "m•••@x•••.example"],
    ["root@localhost", "r•••@l•••"],
    ["not-an-address", "•••"],
    ["@example.com", "•••"],
  ])("%s → %s", (address, masked) => expect(maskEmail(address)).toBe(masked));

  it("never shows the domain's name", () => {
    expect(maskEmail("ceo@bigcorp-secret.com")).not.toContain("bigcorp");
  });
});
