// CSV for spreadsheets (RFC 4180, CRLF). Every cell is quoted, and a cell a
// spreadsheet would run as a formula (= + - @, or a leading tab / CR) gets a
// leading apostrophe (OWASP "CSV Injection").

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return `"${s.replaceAll('"', '""')}"`;
}

export function csvLine(cells: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
