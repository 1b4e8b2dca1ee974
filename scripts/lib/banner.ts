import { isLoopbackHost, type RunProfile } from "@/env";
import { DEMO_ACCOUNTS, DEMO_OPERATORS } from "@/server/seed/demo-data";

/**
 * What `npm start` prints once the app answers: the three surfaces, and on a
 * local run the SMS outbox and the demo logons, with a warning when HOST
 * lets other machines reach them.
 */
export function printBanner({ url: base, profile, host }: { url: string; profile: RunProfile; host?: string }): void {
  const surfaces = `
Postkey is ready on ${base}
  Mail logon (employees, postmasters):  ${base}/login
  Domain-management console:            ${base}/admin
  Cloud email console:                  ${base}/console/login`;
  if (profile === "deployment") {
    console.log(`${surfaces}\n  (deployment: no demo data, no SMS or mail outbox)\n`);
    return;
  }
  const rows = [
    ...DEMO_OPERATORS.map((o) => [`${o.email}`, o.password, "cloud operator → /console/login"]),
    ...DEMO_ACCOUNTS.map((a) => [
      `${a.localPart}@${a.domain}`,
      a.password,
      a.role === "POSTMASTER" ? "postmaster → /login, then the SMS code from /dev/sms" : "employee → /login",
    ]),
  ];
  const exposed =
    host && !isLoopbackHost(host)
      ? `
!!! WARNING: HOST=${host} is not a loopback address. Other machines can reach this local run: its demo
!!! passwords, its SMS outbox (/dev/sms) and its mail outbox (/dev/mail). Unset HOST to listen on 127.0.0.1 only.
`
      : "";
  console.log(`${surfaces}
  SMS outbox (local, console provider): ${base}/dev/sms
  Mail outbox (local, console provider): ${base}/dev/mail

Demo logons (local run):
${rows.map(([l, p, r]) => `  ${l.padEnd(26)} ${p.padEnd(18)} ${r}`).join("\n")}
${exposed}`);
}
