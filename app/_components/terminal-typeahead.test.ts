// The typeahead predictor against a tiny screen that interprets what it writes (printable cells
// with a dim mark, CR, LF, cursor left, erase characters, erase line, SGR): keys painted at once,
// confirmed by the echo, taken back on a mismatch, Backspace, Enter, control keys, the alternate
// screen, busy shells, expiry and the auto threshold.

import { describe, expect, it } from 'vitest';
import { TypeaheadPredictor, TYPEAHEAD_LIMITS, type ScreenView, type TypeaheadMode } from './terminal-typeahead';

class FakeScreen {
  rows: { ch: string; dim: boolean }[][] = [[]];
  x = 0;
  y = 0;
  dim = false;
  alternate = false;
  constructor(readonly cols = 40) {}

  write(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '\x1b') {
        // eslint-disable-next-line no-control-regex -- an escape sequence is what it reads
        const m = /^\x1b\[([0-9;]*)([A-Za-z])/.exec(text.slice(i));
        if (!m) throw new Error(`unknown escape in ${JSON.stringify(text)}`);
        i += m[0].length - 1;
        const n = Number(m[1] || '1');
        if (m[2] === 'D') this.x = Math.max(0, this.x - n);
        else if (m[2] === 'X') for (let k = 0; k < n; k++) this.row()[this.x + k] = { ch: ' ', dim: false };
        else if (m[2] === 'K') this.row().length = this.x;
        else if (m[2] === 'm') {
          const codes = m[1].split(';');
          if (codes.includes('2')) this.dim = true;
          if (codes.includes('22') || codes.includes('0') || m[1] === '') this.dim = false;
        } else throw new Error(`unhandled ${m[0]}`);
      } else if (c === '\x07') continue;
      else if (c === '\r') this.x = 0;
      else if (c === '\n') {
        this.y += 1;
        this.rows[this.y] ??= [];
      } else {
        this.row()[this.x] = { ch: c, dim: this.dim };
        this.x += 1;
      }
    }
  }

  private row() {
    return (this.rows[this.y] ??= []);
  }

  line(y = this.y): string {
    return Array.from({ length: this.rows[y]?.length ?? 0 }, (_, i) => this.rows[y][i]?.ch ?? ' ').join('').trimEnd();
  }

  dimText(): string {
    return this.rows.flatMap((r) => r.filter((c) => c?.dim).map((c) => c.ch)).join('');
  }

  view(): ScreenView {
    return {
      cursorX: this.x,
      cursorRow: this.y,
      cols: this.cols,
      alternate: this.alternate,
      cells: (row, x, n) => Array.from({ length: n }, (_, i) => this.rows[row]?.[x + i]?.ch ?? ' ').join(''),
    };
  }
}

/** A terminal with the predictor wired as the adapter does, and a server whose echo arrives when told. */
function setup(mode: TypeaheadMode = 'on') {
  const screen = new FakeScreen();
  const p = new TypeaheadPredictor(mode);
  let now = 0;
  screen.write('$ ');
  p.onShell('prompt', 0);
  return {
    screen,
    p,
    advance: (ms: number) => (now += ms),
    key: (data: string) => screen.write(p.onKey(data, now, screen.view())),
    server: (data: string) => {
      screen.write(p.undo(now));
      screen.write(data);
      screen.write(p.reconcile(now, screen.view()));
    },
  };
}

describe('TypeaheadPredictor', () => {
  it('paints a printable key at once, marked, and the echo replaces it', () => {
    const t = setup();
    t.key('l');
    t.key('s');
    expect(t.screen.line()).toBe('$ ls');
    expect(t.screen.dimText()).toBe('ls');
    t.advance(80);
    t.server('l');
    expect(t.screen.line()).toBe('$ ls');
    expect(t.screen.dimText()).toBe('s');
    t.server('s');
    expect(t.screen.line()).toBe('$ ls');
    expect(t.screen.dimText()).toBe('');
    expect(t.p.stats.confirmed).toBe(2);
    expect(t.p.medianRtt()).toBe(80);
  });

  it('tells where its painted cells are, for a text of what the server wrote', () => {
    const t = setup();
    expect(t.p.paintedCells()).toBeNull();
    t.key('a');
    t.key('b');
    t.server('a');
    expect(t.p.paintedCells()).toEqual({ row: 0, from: 3 });
    t.server('b');
    expect(t.p.paintedCells()).toBeNull();
  });

  it('an echo that redraws the whole line (as readline does) still confirms', () => {
    const t = setup();
    t.key('a');
    t.key('b');
    t.server('\r\x1b[K$ ab');
    expect(t.screen.line()).toBe('$ ab');
    expect(t.screen.dimText()).toBe('');
    expect(t.p.stats.confirmed).toBe(2);
  });

  it('a mismatch leaves only what the server wrote, and prediction waits for the output to settle', () => {
    const t = setup();
    t.key('e');
    expect(t.screen.line()).toBe('$ e');
    // The server rewrites the line its own way (a search prompt, say).
    t.server('\r\x1b[K(search)`e\': echo one');
    expect(t.screen.line()).toBe("(search)`e': echo one");
    expect(t.screen.dimText()).toBe('');
    // Not yet a mismatch (the echo may come in pieces), but nothing is painted meanwhile.
    t.key('c');
    expect(t.screen.dimText()).toBe('');
    expect(t.p.tick(TYPEAHEAD_LIMITS.settleMs - 1)).toBe('');
    expect(t.p.stats.mismatches).toBe(0);
    t.advance(TYPEAHEAD_LIMITS.settleMs);
    t.screen.write(t.p.tick(TYPEAHEAD_LIMITS.settleMs));
    expect(t.p.stats.mismatches).toBe(1);
    // Paused: the next key is not painted.
    t.key('c');
    expect(t.screen.dimText()).toBe('');
    t.advance(10);
    t.server('\r\x1b[K(search)`ec\': echo one');
    t.advance(TYPEAHEAD_LIMITS.settleMs + 1);
    t.key('h');
    expect(t.screen.dimText()).toBe('h');
  });

  it('Backspace takes back a predicted key; the server rubbing it out agrees', () => {
    const t = setup();
    t.key('k');
    t.key('x');
    t.key('\x7f');
    expect(t.screen.line()).toBe('$ k');
    expect(t.screen.dimText()).toBe('k');
    t.key('u');
    expect(t.screen.line()).toBe('$ ku');
    t.server('k');
    t.server('x');
    // The server's echo of x is not what is painted now, but one of the lines the keys pass through.
    expect(t.screen.dimText()).toBe('');
    expect(t.screen.line()).toBe('$ kx');
    t.server('\x1b[1D\x1b[1X');
    expect(t.screen.dimText()).toBe('u');
    expect(t.screen.line()).toBe('$ ku');
    t.server('u');
    expect(t.screen.line()).toBe('$ ku');
    expect(t.screen.dimText()).toBe('');
    expect(t.p.stats.mismatches).toBe(0);
  });

  it('Backspace at the start of our input is left to the server', () => {
    const t = setup();
    expect(t.p.onKey('\x7f', 0, t.screen.view())).toBe('');
    t.key('a');
    expect(t.screen.dimText()).toBe('a');
  });

  it('Enter stops predicting until the shell is back at a prompt', () => {
    const t = setup();
    t.key('l');
    t.server('l');
    t.key('\r');
    t.server('\r\n');
    t.p.onShell('busy', 0);
    t.key('x');
    expect(t.screen.dimText()).toBe('');
    t.server('file\r\n$ ');
    // The prompt is drawn but the shell has not said so yet.
    t.key('y');
    expect(t.screen.dimText()).toBe('');
    t.p.onShell('prompt', 1);
    t.key('z');
    expect(t.screen.dimText()).toBe('z');
    expect(t.screen.line()).toBe('$ z');
  });

  it('a continuation prompt (an unfinished input) is a prompt too', () => {
    const t = setup();
    t.key('\r');
    t.server("\r\n> ");
    t.p.onShell('continuation', 0);
    t.key('x');
    expect(t.screen.line()).toBe('> x');
  });

  it('cursor keys, Tab and Ctrl keys pause it until the output settles', () => {
    for (const data of ['\x1b[D', '\t', '\x12', '\x03', 'two chars']) {
      const t = setup();
      t.key('a');
      t.key(data);
      expect(t.screen.dimText(), JSON.stringify(data)).toBe('');
      expect(t.screen.line()).toBe('$');
      t.key('b');
      expect(t.screen.dimText()).toBe('');
      t.advance(1);
      t.server('a');
      t.advance(TYPEAHEAD_LIMITS.settleMs);
      t.key('c');
      expect(t.screen.dimText()).toBe('c');
    }
  });

  it('does not predict mid-line, on the alternate screen, in a busy shell or at the right edge', () => {
    const mid = setup();
    mid.screen.write('abc\x1b[2D');
    mid.key('x');
    expect(mid.screen.dimText()).toBe('');

    const alt = setup();
    alt.screen.alternate = true;
    alt.key('x');
    expect(alt.screen.dimText()).toBe('');

    const busy = setup();
    busy.p.onShell('busy', 0);
    busy.key('x');
    expect(busy.screen.dimText()).toBe('');

    const edge = setup();
    edge.screen.write('x'.repeat(35));
    for (const c of 'abcdef') edge.key(c);
    expect(edge.screen.dimText()).toBe('ab');
    expect(edge.screen.x).toBe(39);
  });

  it('the shell turning busy (or the screen switching) takes predictions back', () => {
    const t = setup();
    t.key('q');
    t.screen.write(t.p.onShell('busy', 0));
    expect(t.screen.line()).toBe('$');
    const s = setup();
    s.key('q');
    s.screen.alternate = true;
    s.server('');
    s.advance(TYPEAHEAD_LIMITS.settleMs);
    s.p.tick(TYPEAHEAD_LIMITS.settleMs);
    expect(s.p.stats.mismatches).toBe(1);
  });

  it('a prediction the server never confirms (echo off) expires', () => {
    const t = setup();
    t.key('s');
    t.advance(TYPEAHEAD_LIMITS.expireMs - 1);
    expect(t.p.tick(TYPEAHEAD_LIMITS.expireMs - 1)).toBe('');
    t.screen.write(t.p.tick(TYPEAHEAD_LIMITS.expireMs));
    expect(t.screen.line()).toBe('$');
    expect(t.p.stats.expired).toBe(1);
  });

  it('an echo in pieces (readline redrawing the line) is not a mismatch', () => {
    const t = setup();
    t.key('a');
    t.key('b');
    t.server('\r\x1b[K');
    expect(t.screen.dimText()).toBe('');
    t.server('$ ab');
    expect(t.screen.line()).toBe('$ ab');
    t.key('c');
    expect(t.screen.dimText()).toBe('c');
    t.advance(TYPEAHEAD_LIMITS.settleMs * 2);
    expect(t.p.tick(TYPEAHEAD_LIMITS.settleMs * 2)).toBe('');
    expect(t.p.stats.mismatches).toBe(0);
  });

  it('output that leaves the cursor where it was keeps the prediction', () => {
    const t = setup();
    t.key('w');
    t.server('\x07');
    expect(t.screen.dimText()).toBe('w');
  });

  it('auto paints only once the median round trip is above the threshold; off tracks nothing', () => {
    const fast = setup('auto');
    for (const c of 'abcd') {
      fast.key(c);
      expect(fast.screen.dimText()).toBe('');
      fast.advance(5);
      fast.server(c);
    }
    expect(fast.p.painting()).toBe(false);
    expect(fast.p.medianRtt()).toBe(5);

    const slow = setup('auto');
    for (const c of 'abc') {
      slow.key(c);
      expect(slow.screen.dimText()).toBe('');
      slow.advance(120);
      slow.server(c);
    }
    expect(slow.p.painting()).toBe(true);
    slow.key('d');
    expect(slow.screen.dimText()).toBe('d');
    slow.screen.write(slow.p.setMode('off'));
    expect(slow.screen.line()).toBe('$ abc');

    const off = setup('off');
    off.key('a');
    off.server('a');
    expect(off.p.stats).toEqual({ predicted: 0, confirmed: 0, mismatches: 0, expired: 0 });
  });

  it('a key typed while output is being parsed is painted once the output is in', () => {
    const t = setup();
    t.key('a');
    t.screen.write(t.p.undo(0));
    t.screen.write('a');
    t.screen.write(t.p.onKey('b', 0, null));
    t.screen.write(t.p.reconcile(0, t.screen.view()));
    expect(t.screen.line()).toBe('$ ab');
    expect(t.screen.dimText()).toBe('b');
  });
});
