// Password policy profiles (SECURITY.md "Passwords"): the seed article's rules
// (every domain's default), NIST SP 800-63B-4 (§3.1.1.2), and a custom one
// whose every rule is a setting. A profile is data: the checker (rules.ts),
// the checklist, the policy text and the server's check all read the same
// PasswordRules. Pure and isomorphic (the browser gets the rules as props).

import { DAY } from "@/lib/time";

export const PASSWORD_PROFILES = ["article", "nist", "custom"] as const;
export type PasswordProfile = (typeof PASSWORD_PROFILES)[number];

/** What the characters of a password may be. */
export type CharacterSet =
  /** Printable ASCII without space (33–126): every mail client (IMAP/POP/SMTP) can send it. The article's. */
  | "ascii"
  /** Spaces and every printable Unicode character (no control characters), NFKC-normalized (NIST §3.1.1.2). */
  | "unicode";

/**
 * How the address, the domain's name and the weak-password keywords are refused:
 * "contains" anywhere in the password (the article), or "whole" — the whole
 * password, or an obvious variant of it, is one of them (NIST: "the entire
 * password SHALL be subject to comparison, not substrings").
 */
export type ContextMatch = "contains" | "whole";

export interface PasswordRules {
  profile: PasswordProfile;
  minLength: number;
  maxLength: number;
  characters: CharacterSet;
  /** How many of uppercase, lowercase, digit, special are required (0: no composition rule). */
  classesRequired: number;
  contextMatch: ContextMatch;
  /** How many previous passwords a new one must differ from. */
  historyDepth: number;
  /** Days a password lasts before a change is required at logon; null: never expires. */
  expiryDays: number | null;
  /**
   * When this expiry came into force (ISO time): a password is counted from the later of its own change and
   * this, so turning an expiry on (or shortening it) never expires anyone's password at once, and every
   * owner gets the reminders first. Null with no expiry.
   */
  expirySince: string | null;
}

/** The bounds of each custom setting (the floor is the standard's: 8 characters with a second factor). */
export const CUSTOM_BOUNDS = {
  minLength: { min: 8, max: 64 },
  maxLength: { min: 64, max: 128 },
  classesRequired: { min: 0, max: 4 },
  historyDepth: { min: 0, max: 24 },
  expiryDays: { min: 30, max: 730 },
} as const;

/** Reminders before a custom profile's expiry, in days before it (SECURITY.md "Passwords"). */
export const EXPIRY_REMINDER_DAYS = [14, 7, 1] as const;

export interface CustomPolicySettings {
  minLength: number;
  maxLength: number;
  characters: CharacterSet;
  classesRequired: number;
  historyDepth: number;
  expiryDays: number | null;
  /** Set by the domain when the expiry changes (PasswordRules.expirySince). */
  expirySince: string | null;
}

/** The article's rules, word for word; today's behaviour, every domain's default. */
export const ARTICLE_RULES: PasswordRules = {
  profile: "article",
  minLength: 8,
  maxLength: 64,
  characters: "ascii",
  classesRequired: 3,
  contextMatch: "contains",
  historyDepth: 5,
  expiryDays: null,
  expirySince: null,
};

/** A custom profile starts from the article's numbers, so switching to it changes nothing until a setting does. */
export const DEFAULT_CUSTOM_SETTINGS: CustomPolicySettings = {
  minLength: ARTICLE_RULES.minLength,
  maxLength: ARTICLE_RULES.maxLength,
  characters: ARTICLE_RULES.characters,
  classesRequired: ARTICLE_RULES.classesRequired,
  historyDepth: ARTICLE_RULES.historyDepth,
  expiryDays: null,
  expirySince: null,
};

/** NIST SP 800-63B-4 §3.1.1.2: 15 characters for a password that is the only factor, 8 when it never is. */
export const NIST_SINGLE_FACTOR_MIN = 15;
export const NIST_WITH_SECOND_FACTOR_MIN = 8;

export interface DomainPasswordSettings {
  profile: PasswordProfile;
  /** Every account of the domain logs on with a second step (postmasters always do). */
  twoStepForEveryone: boolean;
  /** The custom profile's settings (stored even while another profile is chosen). */
  custom: CustomPolicySettings;
}

export function rulesFor(settings: DomainPasswordSettings): PasswordRules {
  if (settings.profile === "nist") {
    return {
      profile: "nist",
      minLength: settings.twoStepForEveryone ? NIST_WITH_SECOND_FACTOR_MIN : NIST_SINGLE_FACTOR_MIN,
      maxLength: 64,
      characters: "unicode",
      classesRequired: 0,
      contextMatch: "whole",
      historyDepth: ARTICLE_RULES.historyDepth,
      expiryDays: null,
      expirySince: null,
    };
  }
  if (settings.profile === "custom") return { profile: "custom", contextMatch: "contains", ...settings.custom };
  return ARTICLE_RULES;
}

/**
 * A stored custom setting read back: anything missing or out of bounds takes
 * the default (the database keeps JSON; a hand-edited row never breaks a logon).
 */
export function customSettingsFrom(stored: unknown): CustomPolicySettings {
  const s = (stored && typeof stored === "object" ? stored : {}) as Record<string, unknown>;
  const int = (key: keyof typeof CUSTOM_BOUNDS, def: number) => {
    const v = s[key];
    const { min, max } = CUSTOM_BOUNDS[key];
    return typeof v === "number" && Number.isInteger(v) && v >= min && v <= max ? v : def;
  };
  const d = DEFAULT_CUSTOM_SETTINGS;
  const minLength = int("minLength", d.minLength);
  return {
    minLength,
    maxLength: Math.max(int("maxLength", d.maxLength), minLength),
    characters: s.characters === "unicode" ? "unicode" : "ascii",
    classesRequired: int("classesRequired", d.classesRequired),
    historyDepth: int("historyDepth", d.historyDepth),
    expiryDays: s.expiryDays === null || s.expiryDays === undefined ? null : int("expiryDays", 90),
    expirySince: typeof s.expirySince === "string" && !Number.isNaN(Date.parse(s.expirySince)) ? s.expirySince : null,
  };
}

/** When a password under these rules expires: its own change or the expiry's coming into force, whichever is later, plus the days; null when it never does. */
export function passwordExpiresAt(rules: Pick<PasswordRules, "expiryDays" | "expirySince">, changedAt: Date): Date | null {
  if (rules.expiryDays === null) return null;
  const since = rules.expirySince ? Date.parse(rules.expirySince) : 0;
  return new Date(Math.max(changedAt.getTime(), since) + rules.expiryDays * DAY);
}

/**
 * The form a password is checked, hashed and verified in: NFKC (NIST
 * §3.1.1.2, "SHOULD apply the Normalization Process for Stabilized Strings").
 * Printable ASCII is already NFKC, so the article's passwords are unchanged.
 */
export function normalizePassword(password: string): string {
  return password.normalize("NFKC");
}

/** What a password form needs to judge a new password as the server will (serializable: a page hands it to the browser). */
export interface PasswordPolicyView {
  rules: PasswordRules;
  weakKeywords: string[];
  /** The domain's name, refused as a whole password under "whole" context matching; null for a cloud account. */
  domainName: string | null;
}

/** A cloud operator's console password: the article's rules, no domain. */
export const CONSOLE_POLICY: PasswordPolicyView = { rules: ARTICLE_RULES, weakKeywords: [], domainName: null };
