// The common-password list (~18k entries after filtering). Kept out of index.ts
// so the browser can fetch it with a lazy import() instead of in every bundle.
import { dictionary } from "@zxcvbn-ts/language-common";

let cached: ReadonlySet<string> | null = null;

/**
 * Lower-cased entries, short ones too: a password is never shorter than 8, but
 * under the NIST profile its variants are compared ("dragon" in "dragon2024!!!!!!").
 */
export function loadCommonPasswords(): ReadonlySet<string> {
  if (!cached) {
    const set = new Set<string>();
    for (const entry of dictionary["passwords-common"]) {
      if ([...entry].length >= 3) set.add(entry.toLowerCase());
    }
    cached = set;
  }
  return cached;
}
