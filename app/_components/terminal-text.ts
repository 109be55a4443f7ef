// What an xterm.js terminal holds, as text a person reads (and tests assert): rows the terminal
// wrapped are joined into their logical line. Shared by the lab terminal and the replay. Cells the
// page painted itself (typeahead predictions) can be left out, so the text is what the server wrote.

import type { Terminal } from '@xterm/xterm';

/** Cells to leave out: on absolute row `row`, from column `from` on (a blank rest of the row). */
export interface LocalCells {
  row: number;
  from: number;
}

export function terminalBufferText(term: Terminal, local: LocalCells | null = null): string {
  const buffer = term.buffer.active;
  let text = '';
  for (let i = 0; i < buffer.length; i++) {
    const line = buffer.getLine(i);
    if (i > 0 && !line?.isWrapped) text += '\n';
    // A row that continues on the next keeps its trailing cells (a space may sit at the wrap).
    if (local && i === local.row) text += line?.translateToString(true, 0, local.from) ?? '';
    else text += line?.translateToString(!buffer.getLine(i + 1)?.isWrapped) ?? '';
  }
  return text;
}
