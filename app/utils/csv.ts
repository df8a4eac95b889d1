import { attachmentResponse } from "./download";

/**
 * CSV for French Excel: semicolon separator, CRLF line ends, UTF-8 with a byte-order mark (so
 * accents open intact), fields quoted when they hold a separator, quote or line break.
 */
export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  const line = (cells: (string | number | null | undefined)[]) => cells.map(cell).join(";");
  return `\uFEFF${[line(header), ...rows.map(line)].join("\r\n")}\r\n`;
}

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  // A leading =, +, - or @ would be run as a formula by spreadsheet software.
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const amount = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false });
/** 298800 cents → "2988,00": a number French Excel reads as such. */
export function csvAmount(cents: number): string {
  return amount.format(cents / 100);
}

export function csvResponse(filename: string, body: string) {
  return attachmentResponse(body, filename, "text/csv; charset=utf-8");
}
