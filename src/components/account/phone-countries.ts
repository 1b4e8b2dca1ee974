import { getCountryCallingCode, type CountryCode } from "libphonenumber-js/max";

/**
 * The country selector of the secure-mobile form: common countries with their
 * calling codes, named in the reader's language. A number typed with +country
 * code overrides the choice. Used on the server (page, action); the browser
 * only gets the options.
 */
const COMMON_COUNTRIES: Record<string, string> = {
  AU: "Australia",
  BR: "Brazil",
  CA: "Canada",
  CN: "China",
  FR: "France",
  DE: "Germany",
  HK: "Hong Kong",
  IN: "India",
  IE: "Ireland",
  IT: "Italy",
  JP: "Japan",
  MX: "Mexico",
  NL: "Netherlands",
  NZ: "New Zealand",
  SG: "Singapore",
  ZA: "South Africa",
  KR: "South Korea",
  ES: "Spain",
  SE: "Sweden",
  CH: "Switzerland",
  TW: "Taiwan",
  AE: "United Arab Emirates",
  GB: "United Kingdom",
  US: "United States",
};

/** Names as a mainland Chinese service writes them, where the platform's own (CLDR) differ. */
const ZH_NAMES: Record<string, string> = { HK: "中国香港", TW: "中国台湾", MO: "中国澳门" };

export interface CountryOption {
  code: string;
  label: string;
}

function callingCode(code: string): string | null {
  try {
    return getCountryCallingCode(code as CountryCode);
  } catch {
    return null;
  }
}

/** A region's name in `locale`: ours for English and the overrides, else the platform's (Intl.DisplayNames). */
function countryName(code: string, locale: string): string {
  if (locale === "en" && COMMON_COUNTRIES[code]) return COMMON_COUNTRIES[code];
  if (locale.startsWith("zh") && ZH_NAMES[code]) return ZH_NAMES[code];
  try {
    return new Intl.DisplayNames([locale], { type: "region", fallback: "code" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The common countries by name, plus the configured default when it is not among them; sorted in the reader's language. */
export function phoneCountryOptions(defaultCountry: string, locale = "en"): CountryOption[] {
  const codes = Object.keys(COMMON_COUNTRIES);
  if (!codes.includes(defaultCountry) && callingCode(defaultCountry)) codes.push(defaultCountry);
  return codes
    .map((code) => ({ code, name: countryName(code, locale), dial: callingCode(code) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale))
    .flatMap(({ code, name, dial }) => (dial ? [{ code, label: `${name} (+${dial})` }] : []));
}
