// The two table writers calicoctl prints with. `get` runs its rows through Go's text/tabwriter
// (minwidth 5, tabwidth 1, padding 3, every cell tab-terminated, so each cell is padded, the last
// one too) and leaves a blank line after the table (calicoctl/commands/common/resourceprinter.go).
// `node status` and `ipam show` use olekukonko/tablewriter: +---+ borders, headers upper-case and
// centred (the odd space to the right), numbers right-aligned, other cells left-aligned.

export function tabwriterTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length + 3, 5)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('') + '\n').join('') + '\n';
}

/** tablewriter's default MaxColWidth: a longer cell is word-wrapped onto more lines of its row. */
const TABLEWRITER_MAX_COL_WIDTH = 30;

/** tablewriter's WrapString: words (runs of spaces collapse) packed greedily into lines of at most `limit`. */
function wrapCell(cell: string, limit: number): string[] {
  if (cell.length <= limit) return [cell];
  const lines: string[] = [];
  let line = '';
  for (const word of cell.split(/ +/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > limit) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export function asciiTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const wrapped = rows.map((r) => r.map((cell) => wrapCell(cell, TABLEWRITER_MAX_COL_WIDTH)));
  // A wrapped cell's column is as wide as the limit (or its longest word), as tablewriter sizes it.
  const cellWidth = (cell: string, lines: string[]) => (lines.length > 1 ? Math.max(TABLEWRITER_MAX_COL_WIDTH, ...lines.map((l) => l.length)) : cell.length);
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r, j) => cellWidth(r[i], wrapped[j][i]))));
  const rule = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+\n';
  const centre = (text: string, w: number) => {
    const gap = w - text.length;
    return ' '.repeat(Math.floor(gap / 2)) + text + ' '.repeat(gap - Math.floor(gap / 2));
  };
  const line = (cells: readonly string[], fit: (cell: string, w: number) => string) => '|' + cells.map((c, i) => ` ${fit(c, widths[i])} `).join('|') + '|\n';
  const cellFit = (cell: string, w: number) => (/^-?\d+(\.\d+)?$/.test(cell) ? cell.padStart(w) : cell.padEnd(w));
  const rowLines = (cells: string[][]) => {
    const height = Math.max(...cells.map((c) => c.length));
    return Array.from({ length: height }, (_, k) => line(cells.map((c) => c[k] ?? ''), cellFit)).join('');
  };
  return rule + line(headers, centre) + rule + wrapped.map(rowLines).join('') + rule;
}
