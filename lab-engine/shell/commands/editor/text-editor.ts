// A small full-screen text editor on the live terminal, in two flavours: `nano` (always typing;
// Ctrl-O writes, Ctrl-X exits, asking to save a modified buffer) and `vi` (normal mode with
// h j k l / arrows, i a o A O, x, dd, and the command line :w :q :wq :x :q! ZZ; Esc leaves insert
// mode). Both share the buffer, cursor and drawing. `kubectl edit` can reuse `editText`.

import type { TerminalIo } from '../../command-types';

export type EditorFlavour = 'vi' | 'nano';

export interface EditResult {
  /** The text at the last save, or null if it was never saved. */
  saved: string | null;
}

const ENTER_ALT = '\x1b[?1049h';
const LEAVE_ALT = '\x1b[?1049l';
const MAX_EDITOR_LINES = 20_000;

/** Splits raw terminal input into keys: escape sequences stay whole. */
export function splitKeys(data: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < data.length; ) {
    // eslint-disable-next-line no-control-regex -- an escape sequence starts with ESC
    const m = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])/.exec(data.slice(i));
    if (m) { keys.push(m[0]); i += m[0].length; continue; }
    keys.push(data[i]);
    i++;
  }
  return keys;
}

class EditBuffer {
  lines: string[];
  row = 0;
  col = 0;
  top = 0;
  modified = false;

  constructor(text: string) {
    this.lines = text.replace(/\n$/, '').split('\n');
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }

  clampCol(insert: boolean) {
    const len = this.lines[this.row].length;
    this.col = Math.max(0, Math.min(this.col, insert ? len : Math.max(0, len - 1)));
  }

  move(key: string, insert: boolean): boolean {
    switch (key) {
      case '\x1b[A': this.row = Math.max(0, this.row - 1); break;
      case '\x1b[B': this.row = Math.min(this.lines.length - 1, this.row + 1); break;
      case '\x1b[C': this.col++; break;
      case '\x1b[D': this.col = Math.max(0, this.col - 1); break;
      case '\x1b[H': case '\x1bOH': this.col = 0; break;
      case '\x1b[F': case '\x1bOF': this.col = this.lines[this.row].length; break;
      default: return false;
    }
    this.clampCol(insert);
    return true;
  }

  insert(text: string) {
    const line = this.lines[this.row];
    this.lines[this.row] = line.slice(0, this.col) + text + line.slice(this.col);
    this.col += text.length;
    this.modified = true;
  }

  newline() {
    if (this.lines.length >= MAX_EDITOR_LINES) return;
    const line = this.lines[this.row];
    const indent = /^\s*/.exec(line)![0];
    this.lines.splice(this.row + 1, 0, indent + line.slice(this.col));
    this.lines[this.row] = line.slice(0, this.col);
    this.row++;
    this.col = indent.length;
    this.modified = true;
  }

  backspace() {
    if (this.col > 0) {
      const line = this.lines[this.row];
      this.lines[this.row] = line.slice(0, this.col - 1) + line.slice(this.col);
      this.col--;
    } else if (this.row > 0) {
      const prev = this.lines[this.row - 1];
      this.lines[this.row - 1] = prev + this.lines[this.row];
      this.lines.splice(this.row, 1);
      this.row--;
      this.col = prev.length;
    } else return;
    this.modified = true;
  }

  deleteChar() {
    const line = this.lines[this.row];
    if (this.col < line.length) this.lines[this.row] = line.slice(0, this.col) + line.slice(this.col + 1);
    else if (this.row + 1 < this.lines.length) {
      this.lines[this.row] = line + this.lines[this.row + 1];
      this.lines.splice(this.row + 1, 1);
    } else return;
    this.modified = true;
  }
}

/** Opens the editor on `text` and resolves when the learner quits; `save` is called on each write. */
export function editText(terminal: TerminalIo, flavour: EditorFlavour, fileName: string, text: string, save: (text: string) => string | null): Promise<EditResult> {
  const take = terminal.takeInput;
  if (!take) return Promise.resolve({ saved: null });
  const buf = new EditBuffer(text);
  let saved: string | null = null;
  let mode: 'normal' | 'insert' | 'command' | 'confirm' = flavour === 'nano' ? 'insert' : 'normal';
  let command = '';
  /** What opened the command line: `:` for ex commands, `/` for a forward search. */
  let prompt: ':' | '/' = ':';
  let lastSearch = '';
  let message = flavour === 'nano' ? '^O Write Out   ^X Exit' : `"${fileName}" ${buf.lines.length}L`;
  let pendingKey = '';

  const draw = () => {
    const rows = Math.max(3, terminal.rows);
    const cols = Math.max(10, terminal.columns);
    const height = rows - (flavour === 'nano' ? 2 : 1);
    if (buf.row < buf.top) buf.top = buf.row;
    if (buf.row >= buf.top + height) buf.top = buf.row - height + 1;
    let screen = '\x1b[H\x1b[2J';
    if (flavour === 'nano') screen += `\x1b[7m${`  Flatnet nano    ${fileName}${buf.modified ? '  Modified' : ''}`.padEnd(cols).slice(0, cols)}\x1b[0m\r\n`;
    for (let i = 0; i < height - (flavour === 'nano' ? 0 : 0); i++) {
      const line = buf.lines[buf.top + i];
      screen += `${line === undefined ? (flavour === 'vi' ? '~' : '') : line.slice(0, cols)}\x1b[K\r\n`;
    }
    const status = mode === 'command' ? `${prompt}${command}` : message;
    screen += `\x1b[${rows};1H${status.slice(0, cols)}\x1b[K`;
    const cursorRow = mode === 'command' ? rows : buf.row - buf.top + 1 + (flavour === 'nano' ? 1 : 0);
    const cursorCol = mode === 'command' ? command.length + 2 : Math.min(buf.col, cols - 1) + 1;
    terminal.write(`${screen}\x1b[${cursorRow};${cursorCol}H`);
  };

  const write = (): boolean => {
    const error = save(buf.text());
    if (error) { message = error; return false; }
    saved = buf.text();
    buf.modified = false;
    message = flavour === 'nano' ? `[ Wrote ${buf.lines.length} lines ]` : `"${fileName}" ${buf.lines.length}L written`;
    return true;
  };

  return new Promise((resolve) => {
    const finish = () => {
      release();
      terminal.write(LEAVE_ALT);
      resolve({ saved });
    };

    /** Forward search from the line after the cursor, wrapping, as vi's `/` and `n` do. */
    const search = (pattern: string) => {
      if (!pattern) return;
      lastSearch = pattern;
      for (let i = 1; i <= buf.lines.length; i++) {
        const row = (buf.row + i) % buf.lines.length;
        const col = buf.lines[row].indexOf(pattern);
        if (col >= 0) {
          if (row <= buf.row) message = 'search hit BOTTOM, continuing at TOP';
          buf.row = row;
          buf.col = col;
          return;
        }
      }
      message = `E486: Pattern not found: ${pattern}`;
    };

    const viCommand = (cmd: string): boolean => {
      switch (cmd.trim()) {
        case 'w': write(); return false;
        case 'wq': case 'x': return write();
        case 'q':
          if (buf.modified) { message = 'E37: No write since last change (add ! to override)'; return false; }
          return true;
        case 'q!': return true;
        case '': return false;
        default: message = `E492: Not an editor command: ${cmd}`; return false;
      }
    };

    const onKey = (key: string): boolean => {
      if (mode === 'command') {
        if (key === '\r') {
          mode = 'normal';
          const line = command;
          command = '';
          if (prompt === '/') { message = `/${line}`; search(line); return false; }
          return viCommand(line);
        }
        if (key === '\x1b' || key === '\x03') { mode = 'normal'; command = ''; return false; }
        if (key === '\x7f') { if (!command) mode = 'normal'; command = command.slice(0, -1); return false; }
        if (key >= ' ' && key.length === 1) command += key;
        return false;
      }
      if (mode === 'confirm') {
        if (/^[yY]$/.test(key)) return write();
        if (/^[nN]$/.test(key)) return true;
        if (key === '\x03') { mode = 'insert'; message = 'Cancelled'; }
        return false;
      }
      if (buf.move(key, mode === 'insert')) return false;
      if (mode === 'insert') {
        switch (key) {
          case '\x1b':
            if (flavour === 'vi') { mode = 'normal'; message = ''; buf.col = Math.max(0, buf.col - 1); buf.clampCol(false); }
            return false;
          case '\r': buf.newline(); return false;
          case '\x7f': case '\b': buf.backspace(); return false;
          case '\x1b[3~': buf.deleteChar(); return false;
          case '\t': buf.insert('  '); return false;
        }
        if (flavour === 'nano') {
          if (key === '\x0f') { write(); return false; }
          if (key === '\x18') {
            if (!buf.modified) return true;
            mode = 'confirm';
            message = 'Save modified buffer?  Y Yes  N No  ^C Cancel';
            return false;
          }
          if (key === '\x03') { message = `[ line ${buf.row + 1}/${buf.lines.length}, col ${buf.col + 1} ]`; return false; }
        }
        if (flavour === 'vi' && key === '\x03') { message = 'Type  :qa!  and press <Enter> to abandon all changes and exit Vim'; return false; }
        if (key.length === 1 && key >= ' ') buf.insert(key);
        return false;
      }
      // vi normal mode
      if (pendingKey === 'r') {
        pendingKey = '';
        if (key.length === 1 && key >= ' ' && buf.lines[buf.row].length > 0) {
          const line = buf.lines[buf.row];
          buf.lines[buf.row] = line.slice(0, buf.col) + key + line.slice(buf.col + 1);
          buf.modified = true;
        }
        return false;
      }
      const seq = pendingKey + key;
      pendingKey = '';
      switch (seq) {
        case 'h': return buf.move('\x1b[D', false) && false;
        case 'j': return buf.move('\x1b[B', false) && false;
        case 'k': return buf.move('\x1b[A', false) && false;
        case 'l': return buf.move('\x1b[C', false) && false;
        case '0': buf.col = 0; return false;
        case '$': buf.col = Math.max(0, buf.lines[buf.row].length - 1); return false;
        case 'i': mode = 'insert'; message = '-- INSERT --'; return false;
        case 'a': mode = 'insert'; message = '-- INSERT --'; buf.col = Math.min(buf.col + 1, buf.lines[buf.row].length); return false;
        case 'A': mode = 'insert'; message = '-- INSERT --'; buf.col = buf.lines[buf.row].length; return false;
        case 'o': buf.col = buf.lines[buf.row].length; buf.newline(); mode = 'insert'; message = '-- INSERT --'; return false;
        case 'O': buf.lines.splice(buf.row, 0, ''); buf.col = 0; buf.modified = true; mode = 'insert'; message = '-- INSERT --'; return false;
        case 'x': buf.deleteChar(); buf.clampCol(false); return false;
        case 'dd':
          if (buf.lines.length > 1) buf.lines.splice(buf.row, 1);
          else buf.lines[0] = '';
          buf.row = Math.min(buf.row, buf.lines.length - 1);
          buf.modified = true;
          buf.clampCol(false);
          return false;
        case 'gg': buf.row = 0; buf.clampCol(false); return false;
        case 'G': buf.row = buf.lines.length - 1; buf.clampCol(false); return false;
        case 'ZZ': return buf.modified ? write() : true;
        case ':': mode = 'command'; prompt = ':'; command = ''; return false;
        case '/': mode = 'command'; prompt = '/'; command = ''; return false;
        case 'n': search(lastSearch); return false;
        case 'd': case 'g': case 'Z': case 'r': pendingKey = seq; return false;
        case '\x03': message = 'Type  :qa!  and press <Enter> to abandon all changes and exit Vim'; return false;
        default: return false;
      }
    };

    const release = take((data) => {
      for (const key of splitKeys(data)) {
        if (onKey(key)) { finish(); return; }
      }
      draw();
    });
    terminal.write(ENTER_ALT);
    draw();
  });
}
