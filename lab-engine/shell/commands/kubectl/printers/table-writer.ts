// kubectl's table layout: cells joined by tabs through a tabwriter with minwidth 6, tabwidth 4,
// padding 3 and spaces (cli-runtime printers.GetNewTabWriter). Every column but the last is as
// wide as its widest cell plus 3 (at least 6); the last column is not padded.

export function formatTable(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  const columns = Math.max(...rows.map((r) => r.length));
  const widths: number[] = [];
  for (let c = 0; c < columns - 1; c++) {
    let max = 0;
    for (const row of rows) if (c < row.length - 1 && row[c].length > max) max = row[c].length;
    widths.push(Math.max(max + 3, 6));
  }
  let out = '';
  for (const row of rows) {
    let line = '';
    for (let c = 0; c < row.length; c++) line += c < row.length - 1 ? row[c].padEnd(widths[c]) : row[c];
    out += `${line}\n`;
  }
  return out;
}
