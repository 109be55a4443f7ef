// node:readline works out where the cursor is (getCursorPos) twice for every key typed at the end
// of a line, by walking the prompt and the whole line a code point at a time and measuring each
// one's display width. On a session host's thread (no optimizing compiler, for memory) that walk
// was most of a keystroke's CPU: 300-500 µs at a 30-character line, more as the line grows. For
// the common line (printable ASCII, a prompt whose text after its colour codes is the same) every
// character is one column wide, so the position is arithmetic; anything else (a wide character,
// a tab, a newline) takes readline's own walk, so the answer is always readline's.

import type { Interface } from 'node:readline';
import { stripVTControlCharacters } from 'node:util';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

interface CursorPos {
  rows: number;
  cols: number;
}

/** Gives `rl` a getCursorPos that answers the printable-ASCII line by arithmetic and readline's way otherwise. */
export function installFastCursorPos(rl: Interface): void {
  const slow = rl.getCursorPos.bind(rl);
  let prompt: string | null = null;
  let promptWidth = -1;
  const widthOf = (text: string): number => {
    if (text !== prompt) {
      prompt = text;
      const visible = stripVTControlCharacters(text);
      promptWidth = PRINTABLE_ASCII.test(visible) ? visible.length : -1;
    }
    return promptWidth;
  };
  rl.getCursorPos = (): CursorPos => {
    const width = widthOf(rl.getPrompt());
    if (width < 0) return slow();
    const before = rl.cursor === rl.line.length ? rl.line : rl.line.slice(0, rl.cursor);
    if (!PRINTABLE_ASCII.test(before)) return slow();
    const columns = (rl as Interface & { columns: number }).columns;
    const offset = width + before.length;
    const cols = offset % columns;
    return { cols, rows: (offset - cols) / columns };
  };
}
