import { parseArgs } from "node:util";
import { z } from "zod";
import { ensureLocalSecrets } from "./lib/load-env";
import { withDatabase } from "./lib/with-database";

/**
 * npm run provision -- <what> [options]: the first accounts of a deployment
 * (which is never seeded with demo data).
 *   operator --email ops@cloud.example.net --name "Cloud Ops"
 *   domain   --name example.com --owner ops@cloud.example.net --postmaster-name "Mail Admin"
 *   account  --address alice@example.com --name "Alice Wang"
 * Each prints the new logon and its generated first password, once.
 */
const USAGE = `Usage:
  npm run provision -- operator --email <address> --name <name>
  npm run provision -- domain --name <domain> --owner <operator email> --postmaster-name <name>
  npm run provision -- account --address <local@domain> --name <display name>`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: "string" },
    name: { type: "string" },
    owner: { type: "string" },
    "postmaster-name": { type: "string" },
    address: { type: "string" },
  },
});

const email = z.email();
const text = z.string().trim().min(1).max(100);
const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/, "a domain name like example.com");

function need<T>(schema: z.ZodType<T>, value: unknown, flag: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    console.error(`--${flag}: ${value === undefined ? "is required" : "is not valid"}\n\n${USAGE}`);
    process.exit(2);
  }
  return r.data;
}

const what = positionals[0];
if (!["operator", "domain", "account"].includes(what ?? "")) {
  console.error(USAGE);
  process.exit(2);
}

await withDatabase(async (url) => {
  ensureLocalSecrets();
  const { applyMigrations } = await import("@/server/migrations/apply-migrations");
  await applyMigrations(url);
  const p = await import("@/server/provisioning/provision");
  const { disconnectDb } = await import("@/server/db");
  const result =
    what === "operator"
      ? await p.provisionOperator({ email: need(email, values.email, "email"), name: need(text, values.name, "name") })
      : what === "domain"
        ? await p.provisionDomain({
            name: need(domainName, values.name, "name"),
            ownerEmail: need(email, values.owner, "owner"),
            postmasterName: need(text, values["postmaster-name"], "postmaster-name"),
          })
        : await p.provisionAccount({ address: need(email, values.address, "address"), displayName: need(text, values.name, "name") });
  await disconnectDb();
  if (!result.ok) {
    console.error(result.error);
    process.exitCode = 1;
    return;
  }
  console.log(
    `Created ${result.login}\nFirst password (shown once): ${result.password}\n${what === "operator" ? "Log on at /console/login and change it under Console password." : "It must be changed at the first logon at /login."}`,
  );
});
