import { beforeEach, describe, expect, it } from "vitest";
import { logOn } from "@/server/auth/log-on";
import { getDb } from "@/server/db";
import { provisionAccount, provisionDomain, provisionOperator } from "@/server/provisioning/provision";
import { resetDatabase } from "../support/db";
import { DEPLOYMENT_SECRETS } from "../support/deployment-env";
import { meta } from "../support/fixtures";
import { runScript } from "../support/run-script";

/** A deployment starts empty; `npm run provision` makes its first operator, domains and mailboxes. */
describe("provisioning", () => {
  beforeEach(resetDatabase);

  it("an operator, its domain with the postmaster, a mailbox: each logs on with its generated password; mailboxes must change it", async () => {
    const op = await provisionOperator({ email: "Ops@Cloud.Example.net", name: "Cloud Ops" });
    if (!op.ok) throw new Error(op.error);
    expect(op.login).toBe("ops@cloud.example.net");
    expect(op.password).toHaveLength(16);
    expect(await logOn({ kind: "cloud", login: op.login, password: op.password }, meta)).toMatchObject({ ok: true });

    const domain = await provisionDomain({ name: "Example.com", ownerEmail: op.login, postmasterName: "Mail Admin" });
    if (!domain.ok) throw new Error(domain.error);
    expect(domain.login).toBe("postmaster@example.com");
    expect(await logOn({ kind: "mail", login: domain.login, password: domain.password }, meta)).toMatchObject({
      ok: true,
      role: "POSTMASTER",
      mustChangePassword: true,
    });

    const alice = await provisionAccount({ address: "alice@example.com", displayName: "Alice Wang" });
    if (!alice.ok) throw new Error(alice.error);
    expect(await logOn({ kind: "mail", login: alice.login, password: alice.password }, meta)).toMatchObject({
      ok: true,
      role: "EMPLOYEE",
      mustChangePassword: true,
    });
    expect(new Set([op.password, domain.password, alice.password]).size).toBe(3);
    expect(await getDb().passwordHistory.count()).toBe(3);
  });

  it("a mailbox of a domain with a custom profile gets a first password as long as the profile asks", async () => {
    const op = await provisionOperator({ email: "ops@cloud.example.net", name: "Cloud Ops" });
    if (!op.ok) throw new Error(op.error);
    const domain = await provisionDomain({ name: "example.com", ownerEmail: op.login, postmasterName: "Mail Admin" });
    if (!domain.ok) throw new Error(domain.error);
    await getDb().domain.update({
      where: { name: "example.com" },
      data: { passwordProfile: "CUSTOM", customPasswordPolicy: { minLength: 40, maxLength: 64, classesRequired: 4, historyDepth: 5 } },
    });
    const alice = await provisionAccount({ address: "alice@example.com", displayName: "Alice Wang" });
    if (!alice.ok) throw new Error(alice.error);
    expect([...alice.password]).toHaveLength(40);
    expect(await logOn({ kind: "mail", login: alice.login, password: alice.password }, meta)).toMatchObject({
      ok: true,
      mustChangePassword: true,
    });
  });

  it("refuses duplicates and a domain or mailbox without its parent, creating nothing", async () => {
    expect(await provisionDomain({ name: "example.com", ownerEmail: "nobody@cloud.example.net", postmasterName: "X" })).toEqual({
      ok: false,
      error: "No cloud operator nobody@cloud.example.net: provision it first.",
    });
    expect(await provisionAccount({ address: "a@nowhere.example", displayName: "A" })).toMatchObject({ ok: false });
    await provisionOperator({ email: "ops@cloud.example.net", name: "Ops" });
    expect(await provisionOperator({ email: "ops@cloud.example.net", name: "Ops" })).toEqual({
      ok: false,
      error: "ops@cloud.example.net already exists.",
    });
    await provisionDomain({ name: "example.com", ownerEmail: "ops@cloud.example.net", postmasterName: "PM" });
    expect(await provisionDomain({ name: "example.com", ownerEmail: "ops@cloud.example.net", postmasterName: "PM" })).toMatchObject({
      ok: false,
    });
    expect(await getDb().domain.count()).toBe(1);
    expect(await getDb().mailAccount.count()).toBe(1);
  });

  it("npm run provision works on a deployment and explains bad arguments", () => {
    const run = (args: string[]) =>
      runScript("scripts/provision.ts", args, {
        ...DEPLOYMENT_SECRETS,
        EMAIL_PROVIDER: "smtp",
        SMTP_URL: "smtp://127.0.0.1:2525",
        ARGON2_MEMORY_KIB: "8192",
        ARGON2_TIME_COST: "1",
      });
    const ok = run(["operator", "--email", "ops@cloud.example.net", "--name", "Cloud Ops"]);
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/Created ops@cloud\.example\.net\nFirst password \(shown once\): \S{16}\n/);
    const bad = run(["domain", "--name", "not a domain", "--owner", "ops@cloud.example.net", "--postmaster-name", "X"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--name: is not valid/);
    expect(run(["nonsense"]).stderr).toMatch(/Usage:/);
  });
});
