import { getCountryCallingCode, type CountryCode } from "libphonenumber-js/max";

/**
 * The country selector of the secure-mobile form: common countries with their
 * calling codes. A number typed with +country code overrides the choice.
 * Used on the server (page, action); the browser only gets the options.
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

/** The common countries by name, plus the configured default when it is not among them. */
export function phoneCountryOptions(defaultCountry: string): CountryOption[] {
  const names = { ...COMMON_COUNTRIES };
  if (!names[defaultCountry] && callingCode(defaultCountry)) names[defaultCountry] = defaultCountry;
  return Object.entries(names)
    .sort(([, a], [, b]) => a.localeCompare(b, "en"))
    .flatMap(([code, name]) => {
      const dial = callingCode(code);
      return dial ? [{ code, label: `${name} (+${dial})` }] : [];
    });
}
