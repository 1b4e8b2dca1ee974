import { createEmployee, expect, test } from "../support/fixtures";
import { openSession } from "../support/sessions";
import { DEMO } from "../../tests/support/demo-accounts";

/**
 * Security > Password Policy's profile by raw requests (SECURITY.md "Administration": every action checks
 * who asks, inside the action). None of these change example.com's profile, so the spec runs beside the others.
 */
const PAGE = "/admin/password-policy";

async function profileOf(domain: string) {
  const { getDb } = await import("@/server/db");
  return getDb().domain.findUniqueOrThrow({ where: { name: domain }, select: { passwordProfile: true, customPasswordPolicy: true } });
}

async function raw(fields: Record<string, string>, cookie = "", userAgent = "password-profile-access") {
  const { postAction, sentTo } = await import("../support/actions");
  const { BASE_URL } = await import("../support/e2e-env");
  const res = await postAction(BASE_URL, PAGE, "savePasswordProfileAction", fields, cookie, { headers: { "User-Agent": userAgent } });
  return { ...res, to: sentTo(res) };
}

test.describe("Password profile: refusals by raw request", () => {
  test("no session: sent to the logon page; an employee's session: refused and audited; the profile is unchanged", async ({ context }) => {
    const before = await profileOf("example.com");
    const anonymous = await raw({ profile: "nist" });
    expect(anonymous.to).toMatch(/^\/login/);

    const employee = await createEmployee();
    await openSession(context, "mail", employee.address);
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const userAgent = `password-profile-employee ${employee.id}`;
    const since = new Date();
    const refused = await raw({ profile: "nist", minLength: "8" }, cookie, userAgent);
    expect(refused.status).toBeLessThan(500);
    expect(refused.text).not.toContain("The password profile is now");
    expect(await profileOf("example.com")).toEqual(before);

    const { getDb } = await import("@/server/db");
    const events = await getDb().auditEvent.findMany({ where: { action: "access.refused", userAgent, createdAt: { gte: since } } });
    expect(events.map((e) => e.actorLabel)).toEqual([employee.address]);
    expect(await getDb().auditEvent.count({ where: { action: "policy.password_profile_changed", createdAt: { gte: since } } })).toBe(0);
  });

  test("the postmaster's own hand-made posts: an unknown profile and out-of-bound custom values save nothing, never a 500", async ({
    context,
  }) => {
    const before = await profileOf("example.com");
    await openSession(context, "mail", DEMO.postmaster.email);
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const unknown = await raw({ profile: "lenient" }, cookie);
    expect(unknown.status).toBe(200);
    expect(unknown.text).toContain("Choose a profile.");
    const bad = await raw(
      {
        profile: "custom",
        minLength: "1",
        maxLength: "100000",
        classesRequired: "9",
        historyDepth: "x",
        expiryDays: "-5",
        allowUnicode: "on",
      },
      cookie,
    );
    expect(bad.status).toBe(200);
    expect(bad.text).toContain("Enter a whole number from 8 to 64.");
    expect(bad.text).toContain("Enter a whole number from 0 to 4.");
    expect(await profileOf("example.com")).toEqual(before);
  });
});
