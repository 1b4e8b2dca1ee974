/** The department-name rule, one place for the form's schema and the domain function. */
const DEPARTMENT_NAME_MAX = 64;

/** Printable, no path separator, 1–64 characters. */
export function departmentNameErrors(name: string): string[] | undefined {
  const n = [...name].length;
  if (n === 0) return ["Enter a department name."];
  if (n > DEPARTMENT_NAME_MAX) return [`A department name has at most ${DEPARTMENT_NAME_MAX} characters.`];
  if (/[\p{Cc}\p{Cf}/\\]/u.test(name)) return ["A department name cannot contain slashes or control characters."];
  return undefined;
}
