// Validation of the postmaster's weak-password keyword list (SECURITY.md:
// up to 100 keywords, 3-32 characters each). Stored lower-cased because the
// policy compares case-insensitively. Refusals are catalog references
// ("Password.keywords.*"), worded by the web layer.

import { msg, type MessageRef } from "@/lib/message-ref";

export const KEYWORD_MIN = 3;
export const KEYWORD_MAX = 32;
export const KEYWORDS_MAX_COUNT = 100;

export type WeakKeywordsResult = { ok: true; keywords: string[] } | { ok: false; errors: MessageRef[] };

/** A keyword as a message quotes it: at most 40 characters of it. */
const shown = (kw: string) => ([...kw].length > 40 ? `${[...kw].slice(0, 40).join("")}…` : kw);

export function validateWeakKeywords(list: string[]): WeakKeywordsResult {
  const errors: MessageRef[] = [];
  // Blank entries (empty lines in a textarea) are ignored rather than refused.
  const trimmed = list.map((k) => k.trim()).filter((k) => k !== "");
  if (trimmed.length > KEYWORDS_MAX_COUNT) {
    errors.push(msg("Password.keywords.tooMany", { max: KEYWORDS_MAX_COUNT, count: trimmed.length }));
  }
  const seen = new Set<string>();
  const reportedDup = new Set<string>();
  for (const kw of trimmed) {
    const n = [...kw].length;
    if (n < KEYWORD_MIN || n > KEYWORD_MAX) {
      errors.push(msg("Password.keywords.length", { keyword: shown(kw), min: KEYWORD_MIN, max: KEYWORD_MAX }));
    }
    const lower = kw.toLowerCase();
    if (seen.has(lower) && !reportedDup.has(lower)) {
      errors.push(msg("Password.keywords.duplicate", { keyword: kw }));
      reportedDup.add(lower);
    }
    seen.add(lower);
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, keywords: trimmed.map((k) => k.toLowerCase()) };
}
