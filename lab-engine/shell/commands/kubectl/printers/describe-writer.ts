// The layout `kubectl describe` prints through: describe.go's PrefixWriter (two spaces per
// level) feeding Go's text/tabwriter as tabbedString sets it up (minwidth 0, tabwidth 8,
// padding 2, pad with spaces, no flags). Re-expressed from text/tabwriter's documented rules:
// a cell is text ended by a tab; the text after a line's last tab belongs to no column; a
// column block is a run of consecutive lines that all have a cell in that column, and every
// cell in the block is padded to the block's widest cell plus 2. Lines with fewer cells end the
// block, which is why `Events:` lines up with whatever sits just above it.

const PADDING = 2;

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;

/** Collects describe text (with tabs) and lays it out once at the end, as tabbedString does. */
export class DescribeWriter {
  private text = '';
  /** What earlier flush() calls laid out: a new column block starts after each. */
  private flushed = '';

  /** `Write(level, ...)`: the text behind `level` two-space indents. */
  write(level: number, text: string): void {
    this.text += '  '.repeat(level) + text;
  }

  /** `WriteLine(...)`: the text and a newline, unindented. */
  writeLine(text: string): void {
    this.text += `${text}\n`;
  }

  /** `Flush()`: lays out what was written so far, so later lines align only among themselves. */
  flush(): void {
    this.flushed += tabwrite(this.text);
    this.text = '';
  }

  /** The laid-out text. */
  done(): string {
    return this.flushed + tabwrite(this.text);
  }
}

/** Go text/tabwriter.Writer{minwidth: 0, tabwidth: 8, padding: 2, padchar: ' ', flags: 0} over `text`. */
export function tabwrite(text: string): string {
  const raw = text.split('\n');
  const trailing = raw.pop() ?? '';
  const lines = raw.map((l) => l.split('\t'));
  const widths: number[] = [];
  const out: string[] = [];

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      let s = '';
      lines[i].forEach((cell, j) => {
        s += cell;
        if (j < widths.length) s += ' '.repeat(Math.max(0, widths[j] - runeCount(cell)));
      });
      out.push(s);
    }
  };

  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let i = line0; i < line1; i++) {
      if (column >= lines[i].length - 1) continue;
      writeLines(line0, i);
      line0 = i;
      let width = 0;
      for (; i < line1; i++) {
        if (column >= lines[i].length - 1) break;
        width = Math.max(width, runeCount(lines[i][column]) + PADDING);
      }
      widths.push(width);
      format(line0, i);
      widths.pop();
      line0 = i;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.map((l) => `${l}\n`).join('') + trailing;
}

function runeCount(s: string): number {
  return [...s].length;
}
