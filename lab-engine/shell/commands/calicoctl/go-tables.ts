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

export function asciiTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const rule = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+\n';
  const centre = (text: string, w: number) => {
    const gap = w - text.length;
    return ' '.repeat(Math.floor(gap / 2)) + text + ' '.repeat(gap - Math.floor(gap / 2));
  };
  const line = (cells: readonly string[], fit: (cell: string, w: number) => string) => '|' + cells.map((c, i) => ` ${fit(c, widths[i])} `).join('|') + '|\n';
  const cellFit = (cell: string, w: number) => (/^-?\d+(\.\d+)?$/.test(cell) ? cell.padStart(w) : cell.padEnd(w));
  return rule + line(headers, centre) + rule + rows.map((r) => line(r, cellFit)).join('') + rule;
}
