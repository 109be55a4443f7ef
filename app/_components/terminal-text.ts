// What an xterm.js terminal holds, as text a person reads (and tests assert): rows the terminal
// wrapped are joined into their logical line. Shared by the lab terminal and the replay.

import type { Terminal } from '@xterm/xterm';

export function terminalBufferText(term: Terminal): string {
  const buffer = term.buffer.active;
  let text = '';
  for (let i = 0; i < buffer.length; i++) {
    const line = buffer.getLine(i);
    if (i > 0 && !line?.isWrapped) text += '\n';
    // A row that continues on the next keeps its trailing cells (a space may sit at the wrap).
    text += line?.translateToString(!buffer.getLine(i + 1)?.isWrapped) ?? '';
  }
  return text;
}
