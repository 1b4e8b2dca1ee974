// Phone numbers: parsing to E.164 and the masked form shown on screens and in
// the audit log. Isomorphic (no server-only): a form may reuse it in the browser.
//
// The "max" metadata is needed to tell mobile numbers from landlines
// (getType() is always undefined with the default "min" metadata).
import { parsePhoneNumberFromString, type CountryCode, type NumberType } from "libphonenumber-js/max";
import { msg, type MessageRef } from "@/lib/message-ref";

const BULLET = "•";
/** The one refusal of a number, whatever is wrong with it ("Enter a valid mobile number, e.g. …"). */
const INVALID_MESSAGE: MessageRef = msg("Fields.errors.phoneInvalid");
const MAX_INPUT_LENGTH = 40;

// Numbers that can receive an SMS. FIXED_LINE_OR_MOBILE is what the metadata
// says for all of North America (the two share ranges there); PERSONAL_NUMBER
// ranges (e.g. NANP 500) forward to the holder's phone and carry the
// well-known Twilio test numbers.
const SMS_CAPABLE: ReadonlySet<NumberType> = new Set<NumberType>(["MOBILE", "FIXED_LINE_OR_MOBILE", "PERSONAL_NUMBER"]);

export type NormalizePhoneResult = { ok: true; e164: string } | { ok: false; message: MessageRef };

/** Parses what a person typed (national or international form) into E.164, mobile-capable numbers only. */
export function normalizePhone(input: string, defaultCountry: string): NormalizePhoneResult {
  const text = input.trim();
  if (!text || text.length > MAX_INPUT_LENGTH) return { ok: false, message: INVALID_MESSAGE };
  let parsed;
  try {
    parsed = parsePhoneNumberFromString(text, { defaultCountry: defaultCountry.toUpperCase() as CountryCode, extract: false });
  } catch {
    parsed = undefined; // an unknown default country: treat like an unparsable number
  }
  // An extension cannot receive an SMS; dropping it silently would bind the wrong line.
  if (!parsed || !parsed.isValid() || parsed.ext) return { ok: false, message: INVALID_MESSAGE };
  const type = parsed.getType();
  if (!type || !SMS_CAPABLE.has(type)) return { ok: false, message: INVALID_MESSAGE };
  return { ok: true, e164: parsed.number };
}

/** Bullets in groups of three, so the length is roughly visible but not the digits. */
function bullets(count: number): string {
  const groups: string[] = [];
  for (let left = count; left > 0; left -= 3) groups.push(BULLET.repeat(Math.min(3, left)));
  return groups.join(" ");
}

/**
 * `+14155550101` → `+1 ••• ••• 0101`: the country code, then every national
 * digit hidden except the last four (fewer for very short numbers, so that at
 * least half is always hidden). Never throws; unparsable input is masked too.
 */
export function maskPhone(e164: string): string {
  let country = "";
  let national = e164.replace(/\D/g, "");
  try {
    const parsed = parsePhoneNumberFromString(e164.trim());
    if (parsed) {
      country = parsed.countryCallingCode;
      national = parsed.nationalNumber;
    }
  } catch {
    // keep the digits-only fallback
  }
  const keep = Math.min(4, Math.floor(national.length / 2));
  const hidden = bullets(national.length - keep);
  const tail = keep > 0 ? national.slice(-keep) : "";
  const body = [hidden, tail].filter(Boolean).join(" ") || BULLET.repeat(3);
  return country ? `+${country} ${body}` : body;
}
