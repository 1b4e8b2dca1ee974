/**
 * CSV for spreadsheets (RFC 4180, CRLF), the one writer of the server (the
 * audit log's export) and the browser (the bulk reset's passwords). Every
 * cell is quoted, and a cell a spreadsheet would run as a formula (= + - @,
 * or a leading tab / CR) gets a leading apostrophe (OWASP "CSV Injection").
 */
type Cell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return `"${s.replaceAll('"', '""')}"`;
}

export function csvLine(cells: ReadonlyArray<Cell>): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** A whole file: one line per row, each ended by CRLF. */
export function csvDocument(rows: ReadonlyArray<ReadonlyArray<Cell>>): string {
  return rows.map(csvLine).join("");
}
