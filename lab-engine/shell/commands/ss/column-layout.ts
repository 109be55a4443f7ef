// ss's table layout, as iproute2 6.1 computes it (misc/ss.c: render_calc_width, render,
// print_left_spacing, print_right_spacing). Every cell of every row (the header included) is
// buffered first; a column is as wide as its widest cell plus its left delimiter. When stdout is
// not a terminal and COLUMNS is unset, that is the whole story ("compact output", which is why
// `kubectl exec POD -- ss -tlnp` has ragged, trailing-space-padded lines); on a terminal the
// spare width of each screen line is spread over its columns and columns that do not fit wrap.

export type Align = 'left' | 'right';

export interface ColumnSpec {
  header: string;
  align: Align;
  /** Printed before the cell when it is not the first on its line (" " for most columns). */
  ldelim: string;
  disabled?: boolean;
}

/** ss's columns in order: Netid, State, Recv-Q, Send-Q, Local Address:, Port, Peer Address:, Port, Process, and the unnamed extension column. */
export function ssColumns(): ColumnSpec[] {
  return [
    { header: 'Netid', align: 'left', ldelim: '' },
    { header: 'State', align: 'left', ldelim: ' ' },
    { header: 'Recv-Q', align: 'left', ldelim: ' ' },
    { header: 'Send-Q', align: 'left', ldelim: ' ' },
    { header: 'Local Address:', align: 'right', ldelim: ' ' },
    { header: 'Port', align: 'left', ldelim: '' },
    { header: 'Peer Address:', align: 'right', ldelim: ' ' },
    { header: 'Port', align: 'left', ldelim: '' },
    { header: 'Process', align: 'left', ldelim: '' },
    { header: '', align: 'left', ldelim: '' },
  ];
}

/**
 * Lays out rows of cells (one cell per column, disabled columns included and ignored).
 * `screenWidth` undefined means compact output (no terminal, no COLUMNS).
 */
export function renderTable(columns: readonly ColumnSpec[], rows: readonly (readonly string[])[], screenWidth: number | undefined): string {
  const visible = columns.map((c, i) => ({ ...c, index: i })).filter((c) => !c.disabled);
  if (rows.length === 0) return '';
  const maxLen = visible.map((c) => Math.max(0, ...rows.map((r) => (r[c.index] ?? '').length)));
  const limit = screenWidth ?? Number.MAX_SAFE_INTEGER;
  const width: number[] = [];
  let first = true;
  visible.forEach((c, i) => {
    const w = !first && maxLen[i] ? maxLen[i] + c.ldelim.length : maxLen[i];
    width[i] = Math.min(w, limit);
    if (width[i]) first = false;
  });
  if (screenWidth !== undefined) spreadOverLines(width, screenWidth);

  let text = '';
  for (const row of rows) {
    let line = '';
    let started = false;
    visible.forEach((c, i) => {
      const cell = row[c.index] ?? '';
      let printed = 0;
      if (started) {
        line += c.ldelim;
        printed = c.ldelim.length;
      }
      started = true;
      if (width[i] && c.align === 'right') {
        const s = width[i] - cell.length - printed;
        if (s > 0) {
          line += ' '.repeat(s);
          printed += s;
        }
      }
      line += cell;
      printed += cell.length;
      if (width[i] && c.align === 'left') {
        const s = width[i] - printed;
        if (s > 0) line += ' '.repeat(s);
      }
    });
    text += `${line}\n`;
  }
  return text;
}

/** render_calc_width's second pass: break into screen lines and share out the remaining space. */
function spreadOverLines(width: number[], screenWidth: number): void {
  let len = 0;
  let lineCols = 0;
  let eol = -1;
  for (let c = 0; c < width.length; c++) {
    if (!width[c]) continue;
    lineCols++;
    len += width[c];
    const last = !width.slice(c + 1).some((w) => w > 0);
    if (!last && len < screenWidth) continue;
    if (len !== screenWidth) {
      if (len > screenWidth) {
        len -= width[c];
        c--;
        lineCols--;
      }
      const pad = screenWidth - len;
      const spacing = lineCols > 0 ? Math.floor(pad / lineCols) : 0;
      let rem = lineCols > 0 ? pad % lineCols : 0;
      for (let t = c; t > eol; t--) {
        if (!width[t]) continue;
        width[t] += spacing;
        if (rem) {
          width[t]++;
          rem--;
        }
      }
    }
    eol = c;
    len = 0;
    lineCols = 0;
  }
}
