/**
 * An email address as the pages and logs show it: the first character of
 * the local part, then dots (a•••@gmail.com). The domain stays readable, so
 * the owner recognises which address it is; nobody else learns it.
 */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf("@");
  if (at <= 0) return "•••";
  return `${address[0]}•••${address.slice(at)}`;
}
