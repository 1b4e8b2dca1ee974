import path from "node:path";

/**
 * The shipped list: the common-password list (@zxcvbn-ts/language-common's "passwords-common", which
 * src/lib/password-policy/common-passwords.ts also reads) as SHA-1 `HASH:1` lines, sorted, committed beside
 * this module and written by `npm run data:breach-list` (scripts/make-shipped-breach-list.ts). Read from the
 * project's root at run time, as the hashing worker is (src/server/security/hash-pool.ts): `npm start`,
 * `npm run dev`, the CLI and the tests all run there.
 */
export const SHIPPED_LIST_RELATIVE = path.join("src", "server", "passwords", "breached", "common-passwords.sha1.txt");

export function shippedListPath(): string {
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), SHIPPED_LIST_RELATIVE);
}
