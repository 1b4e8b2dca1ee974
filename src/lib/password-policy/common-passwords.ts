// The common-password list (~18k entries after filtering). Kept out of index.ts
// so the browser can fetch it with a lazy import() instead of in every bundle.
import { dictionary } from "@zxcvbn-ts/language-common";
import { PASSWORD_MAX, PASSWORD_MIN } from "./rules";

let cached: ReadonlySet<string> | null = null;

/** Lower-cased entries of allowed length; shorter/longer ones fail the length rule anyway. */
export function loadCommonPasswords(): ReadonlySet<string> {
  if (!cached) {
    const set = new Set<string>();
    for (const entry of dictionary["passwords-common"]) {
      const n = [...entry].length;
      if (n >= PASSWORD_MIN && n <= PASSWORD_MAX) set.add(entry.toLowerCase());
    }
    cached = set;
  }
  return cached;
}
