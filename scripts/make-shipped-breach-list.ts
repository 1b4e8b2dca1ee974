import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { dictionary } from "@zxcvbn-ts/language-common";
import { passwordSha1 } from "@/server/passwords/breached/internal/password-sha1";
import { SHIPPED_LIST_RELATIVE } from "@/server/passwords/breached/internal/shipped-list";

/**
 * npm run data:breach-list — writes the shipped breached-password list
 * (src/server/passwords/breached/common-passwords.sha1.txt): every entry of
 * @zxcvbn-ts/language-common's "passwords-common" (the common-password list of
 * src/lib/password-policy/common-passwords.ts, all of them, whatever their
 * length), as listed and lower-cased, hashed as the service hashes a password
 * (NFKC, SHA-1, uppercase hex), one `HASH:1` line each, sorted, LF. Run it
 * after upgrading that package; a unit test fails while the committed file
 * differs from what this writes.
 */
export function shippedBreachListText(): string {
  const hashes = new Set<string>();
  for (const entry of dictionary["passwords-common"]) {
    hashes.add(passwordSha1(entry));
    hashes.add(passwordSha1(entry.toLowerCase()));
  }
  return [...hashes]
    .sort()
    .map((h) => `${h}:1\n`)
    .join("");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = path.resolve(process.cwd(), SHIPPED_LIST_RELATIVE);
  const text = shippedBreachListText();
  writeFileSync(file, text);
  console.log(`${path.relative(process.cwd(), file)}: ${text.length / 43} hashes`);
}
