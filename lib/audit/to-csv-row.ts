/**
 * One RFC 4180 CSV line. Cells that a spreadsheet would run as a formula (starting with
 * = + - @, tab or carriage return) get a leading apostrophe: audit data holds text typed by
 * users, and an export is opened in spreadsheets.
 */
export function toCsvRow(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(toCsvCell).join(",")}\r\n`;
}

function toCsvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
