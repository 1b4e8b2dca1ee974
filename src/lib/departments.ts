import { msg, type MessageRef } from "@/lib/message-ref";

/** The department-name rule, one place for the form's schema and the domain function. */
const DEPARTMENT_NAME_MAX = 64;

/** Printable, no path separator, 1–64 characters; refusals as catalog references. */
export function departmentNameErrors(name: string): MessageRef[] | undefined {
  const n = [...name].length;
  if (n === 0) return [msg("Admin.departments.errors.nameRequired")];
  if (n > DEPARTMENT_NAME_MAX) return [msg("Admin.departments.errors.nameTooLong", { max: DEPARTMENT_NAME_MAX })];
  if (/[\p{Cc}\p{Cf}/\\]/u.test(name)) return [msg("Admin.departments.errors.nameCharacters")];
  return undefined;
}
