import { describe, expect, it } from "vitest";
import { goTo, redirectTo, redrawAt, reloadAt } from "@/lib/form-state";

/** An action's destination (src/lib/form-state.ts) is a path of this site, whichever way the action ends. */
describe("an action's destination", () => {
  const makers = { goTo, redrawAt, reloadAt, redirectTo };

  it.each(Object.entries(makers))("%s keeps a path of this site, with its query", (_, make) => {
    expect(make("/admin/accounts/0b7c?notice=password-reset&at=1").next).toBe("/admin/accounts/0b7c?notice=password-reset&at=1");
    expect(make("/").next).toBe("/");
  });

  it.each(Object.entries(makers))("%s refuses another site's address", (_, make) => {
    for (const next of ["//evil.example/login", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "admin", ""])
      expect(() => make(next), next).toThrow("a path of this site");
  });

  it("says how the browser goes on", () => {
    expect([goTo("/a").mode, redrawAt("/a").mode, reloadAt("/a").mode, redirectTo("/a").mode]).toEqual([
      "navigate",
      "redraw",
      "reload",
      "redirect",
    ]);
  });
});
