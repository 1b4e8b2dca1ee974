// The custom profile's settings as a postmaster types them (Security >
// Password Policy): each a whole number within CUSTOM_BOUNDS, the maximum
// length not below the minimum, the expiry empty for never. Pure: the
// domain function validates with it, the refusals are catalog references.
import { msg, type MessageRef } from "@/lib/message-ref";
import { CUSTOM_BOUNDS, type CustomPolicySettings } from "./profiles";

export type CustomSettingField = "minLength" | "maxLength" | "classesRequired" | "historyDepth" | "expiryDays";
export type CustomSettingsInput = Partial<Record<CustomSettingField, string>> & { allowUnicode: boolean };
export type CustomSettingsResult =
  { ok: true; settings: CustomPolicySettings } | { ok: false; errors: Partial<Record<CustomSettingField, MessageRef[]>> };

export function parseCustomSettings(input: CustomSettingsInput): CustomSettingsResult {
  const errors: Partial<Record<CustomSettingField, MessageRef[]>> = {};
  const whole = (field: CustomSettingField, optional = false): number | null => {
    const raw = (input[field] ?? "").trim();
    if (raw === "" && optional) return null;
    const { min, max } = CUSTOM_BOUNDS[field];
    const n = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    errors[field] = [msg("Admin.policy.custom.range", { min, max })];
    return null;
  };
  const minLength = whole("minLength");
  const maxLength = whole("maxLength");
  const classesRequired = whole("classesRequired");
  const historyDepth = whole("historyDepth");
  const expiryDays = whole("expiryDays", true);
  if (minLength !== null && maxLength !== null && maxLength < minLength) errors.maxLength = [msg("Admin.policy.custom.maxBelowMin")];
  if (Object.keys(errors).length || minLength === null || maxLength === null || classesRequired === null || historyDepth === null)
    return { ok: false, errors };
  return {
    ok: true,
    // When the expiry comes into force is the domain's to set as it saves (updatePasswordProfile).
    settings: {
      minLength,
      maxLength,
      characters: input.allowUnicode ? "unicode" : "ascii",
      classesRequired,
      historyDepth,
      expiryDays,
      expirySince: null,
    },
  };
}
