import { describe, expect, it } from "vitest";
import en from "../../messages/en.json";
import { pickMessages, type MessageTree } from "@/lib/pick-messages";

const all = en as unknown as MessageTree;

describe("pickMessages (what ClientMessages sends to the browser)", () => {
  it("keeps a part of a namespace under its own keys, and nothing beside it", () => {
    const picked = pickMessages(all, ["Common", "Admin.accounts.bulk", "Admin.account.working"]);
    expect(Object.keys(picked).sort()).toEqual(["Admin", "Common"]);
    expect(picked.Common).toBe(en.Common);
    expect(picked.Admin).toEqual({ accounts: { bulk: en.Admin.accounts.bulk }, account: { working: en.Admin.account.working } });
    expect(JSON.stringify(picked).length).toBeLessThan(JSON.stringify({ Common: en.Common, Admin: en.Admin }).length / 3);
  });

  it("gives a whole namespace when it is named beside its parts, in either order, without writing to the catalog", () => {
    const before = JSON.stringify(all);
    expect(pickMessages(all, ["Admin.account.working", "Admin"])).toEqual({ Admin: en.Admin });
    expect(pickMessages(all, ["Admin", "Admin.account.working"])).toEqual({ Admin: en.Admin });
    expect(JSON.stringify(all)).toBe(before);
  });

  it("refuses a path the catalog does not have", () => {
    expect(() => pickMessages(all, ["Admin.nothing.here"])).toThrow("No messages at Admin.nothing.here");
    expect(() => pickMessages(all, ["Admin.account.working.deeper"])).toThrow("No messages at Admin.account.working.deeper");
  });
});
