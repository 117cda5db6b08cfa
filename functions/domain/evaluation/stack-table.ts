import { escapeHtml as e } from '../support/html';

/**
 * Tables for the evaluation page and the monthly report that stack on a phone: below 600 px each row
 * becomes a card and every cell carries its column's name (`data-label`), so nothing scrolls sideways.
 * Cells are HTML the caller has already escaped; headers are text.
 */

export const STACK_CSS = `
  table.stack { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin: 8px 0; overflow-wrap: anywhere; }
  table.stack th, table.stack td { border: 1px solid #d9e2ec; padding: 4px 6px; text-align: left; vertical-align: top; }
  table.stack th { background: #f0f4f8; }
  @media (max-width: 600px) {
    table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: auto; }
    table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    table.stack tr { border: 1px solid #bcccdc; border-radius: 6px; margin: 0 0 10px; padding: 6px 10px; }
    table.stack td { border: none; padding: 3px 0; }
    table.stack td[data-label]::before { content: attr(data-label); display: block; font-size: 0.8rem; font-weight: 600; color: #52606d; }
  }
`;

export const stackTable = (
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  empty = 'Belum ada data',
): string => {
  if (rows.length === 0) return `<p class="empty">${e(empty)}</p>`;
  const head = headers.map((h) => `<th scope="col">${e(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => `<td data-label="${e(headers[i] ?? '')}">${c}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table class="stack"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
};
