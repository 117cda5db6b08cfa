/** One cell of a CSV file opened in a spreadsheet. */
export type CsvCell = string | number | null | undefined;

export const csvCell = (c: CsvCell): string => {
  if (c === null || c === undefined) return '';
  if (typeof c === 'number') return Number.isFinite(c) ? String(c) : '';
  // Text from records must not run as a formula when the file is opened in a spreadsheet.
  const text = /^[=+\-@\t\r]/.test(c) ? `'${c}` : c;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** A header and rows as CSV, with a UTF-8 byte-order mark so Excel reads Indonesian letters correctly. */
export const csvTable = (header: readonly string[], rows: readonly CsvCell[][]): string =>
  `\uFEFF${[header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n')}\r\n`;
