// Predictive local echo for the lab terminal, as VS Code's terminal typeahead and mosh do: a
// printable key typed at a plain shell prompt is painted at once (dim and underlined) and replaced
// by the server's own echo when it arrives. Plain logic, no xterm: keys, server output and shell
// states go in; strings to write into the terminal come out. The adapter (lab-terminal.ts) writes
// `undo()` before every chunk of server output, the chunk itself, then `reconcile()` once xterm
// has parsed it. Nothing predicted ever stays on screen: what was painted is erased before the
// server speaks, and kept only as long as the server's screen agrees with it.
//
// How it decides. A prediction starts at the server's cursor (the anchor), only where the row is
// blank to its right and the shell says it sits at a prompt (protocol/shell-state.ts), never on the
// alternate screen (vi, nano, less). Each key adds the line it should produce (a printable char
// appends, Backspace drops the last char); after the server's output, the text between the anchor
// and the server's cursor must equal one of those lines — the keys up to it are confirmed (their
// round trip measured). If not, nothing is painted until an output agrees (an echo may come in
// pieces); if the output goes quiet disagreeing, it is a mismatch: everything predicted is dropped
// and prediction pauses until the output settles. Enter pauses until the shell's next prompt; any other control
// key (Tab, arrows, Ctrl-R, Ctrl-C, a paste) until the output settles. Wide characters, a line
// about to wrap, and mid-line edits are left to the server.

import type { ShellState } from '../../lab-engine/protocol';

/** auto: paint only when the measured median round trip is above the threshold. */
export type TypeaheadMode = 'auto' | 'on' | 'off';
export const TYPEAHEAD_MODES: readonly TypeaheadMode[] = ['auto', 'on', 'off'];

export const TYPEAHEAD_LIMITS = {
  /** auto paints above this median round trip of confirmed keys. */
  thresholdMs: 30,
  /** Round trips kept for the median. */
  rttSamples: 20,
  /** auto needs this many round trips before it judges. */
  minSamples: 3,
  /** After a pause, the server's output must be quiet this long before predicting again. */
  settleMs: 100,
  /** A prediction the server has not confirmed in this long is dropped (echo off, a lost key). */
  expireMs: 2000,
} as const;

/** What the predictor reads from the terminal (the adapter maps xterm's active buffer). */
export interface ScreenView {
  /** Cursor column, 0-based. */
  cursorX: number;
  /** Cursor row, absolute in the buffer (scrollback included). */
  cursorRow: number;
  cols: number;
  alternate: boolean;
  /** The characters of `row` from column x, n cells long; a blank cell reads as a space. */
  cells(row: number, x: number, n: number): string;
}

interface Expected {
  /** The text from the anchor to the cursor once the server has handled this key. */
  text: string;
  at: number;
}

type Pause = { kind: 'prompt'; inputs: number } | { kind: 'settle'; at: number } | null;

const PAINT_ON = '\x1b[2;4m';
const PAINT_OFF = '\x1b[22;24m';
const PRINTABLE = /^[\x20-\x7e\u00a0-\u024f]$/u;

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

export class TypeaheadPredictor {
  private mode: TypeaheadMode;
  private shell: ShellState | null = null;
  private inputs = 0;
  private pause: Pause = null;
  private lastOutputAt = -Infinity;
  private anchor: { x: number; row: number; cols: number } | null = null;
  /** expected[0] is what the server has shown (confirmed); the rest wait for its echo. */
  private expected: Expected[] = [];
  /** The predicted text currently painted right after expected[0] (cursor sits after it). */
  private painted = '';
  /** The server's screen disagreed at the last output: nothing is painted until it agrees again. */
  private suspect = false;
  private readonly rtts: number[] = [];
  /** Counters, for the page's data attributes and tests. */
  readonly stats = { predicted: 0, confirmed: 0, mismatches: 0, expired: 0 };

  constructor(mode: TypeaheadMode = 'auto', private readonly limits = TYPEAHEAD_LIMITS) {
    this.mode = mode;
  }

  setMode(mode: TypeaheadMode): string {
    this.mode = mode;
    return mode === 'off' ? this.drop() : this.repaint();
  }

  /** The median round trip of recently confirmed keys, or null before any. */
  medianRtt(): number | null {
    if (!this.rtts.length) return null;
    const sorted = [...this.rtts].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  }

  /** Whether predictions are painted now (on, or auto above the threshold). */
  painting(): boolean {
    if (this.mode === 'on') return true;
    if (this.mode === 'off') return false;
    const median = this.medianRtt();
    return this.rtts.length >= this.limits.minSamples && median !== null && median > this.limits.thresholdMs;
  }

  /** The shell told where it stands. */
  onShell(state: ShellState, inputs: number): string {
    this.shell = state;
    const pause = this.pause;
    if (pause?.kind === 'prompt' && state !== 'busy' && (inputs > pause.inputs || state === 'continuation')) this.pause = null;
    this.inputs = inputs;
    // A command holds the terminal: whatever it prints is not an echo of ours.
    return state === 'busy' ? this.drop() : '';
  }

  /** Where the painted prediction sits (absolute row, first column), or null when nothing is painted. */
  paintedCells(): { row: number; from: number } | null {
    if (!this.anchor || !this.painted) return null;
    return { row: this.anchor.row, from: this.anchor.x + (this.expected[0]?.text.length ?? 0) };
  }

  /** Takes every prediction back (the terminal is resized, the learner switched it off). */
  clear(): string {
    return this.drop();
  }

  /** The connection started over (the terminal was reset): forget everything, write nothing. */
  reset(): void {
    this.anchor = null;
    this.expected = [];
    this.painted = '';
    this.shell = null;
    this.pause = null;
    this.suspect = false;
  }

  /**
   * A key the learner typed (xterm's onData), before it is sent. Returns what to write locally.
   * `view` is null while server output is still being parsed: the key is tracked, painted later.
   */
  onKey(data: string, now: number, view: ScreenView | null): string {
    if (this.mode === 'off') return '';
    if (data === '\r') {
      const undo = this.drop();
      this.pause = { kind: 'prompt', inputs: this.inputs };
      return undo;
    }
    const last = this.expected.at(-1)?.text;
    if (data === '\x7f') {
      if (last) {
        this.expected.push({ text: last.slice(0, -1), at: now });
        return view ? this.repaint() : '';
      }
      // Nothing of ours to rub out: the server's line editor decides; a waiting key would be lost track of.
      if (this.expected.length > 1) return this.pauseUntilSettled(now);
      this.anchor = null;
      this.expected = [];
      return '';
    }
    if (!PRINTABLE.test(data)) return this.pauseUntilSettled(now);
    if (!this.anchor) {
      if (!view || !this.mayStart(now, view)) return '';
      this.anchor = { x: view.cursorX, row: view.cursorRow, cols: view.cols };
      this.expected = [{ text: '', at: now }];
    }
    this.expected.push({ text: (last ?? '') + data, at: now });
    this.stats.predicted += 1;
    return view ? this.repaint() : '';
  }

  /** Before a chunk of server output is written: erase what is painted, so the server writes on its own screen. */
  undo(now: number): string {
    this.lastOutputAt = now;
    return this.erase();
  }

  /** After the chunk is parsed: confirm what the server echoed, or drop everything on a mismatch. */
  reconcile(now: number, view: ScreenView): string {
    if (!this.anchor || this.expected.length === 0) return '';
    const { x, row } = this.anchor;
    const sameLine = !view.alternate && view.cursorRow === row && view.cursorX >= x;
    const shown = sameLine ? view.cells(row, x, view.cursorX - x) : null;
    const k = shown === null ? -1 : this.expected.findIndex((e) => e.text === shown);
    if (k < 0) {
      // Maybe the echo came in pieces (readline redraws a line in several writes): paint nothing
      // until the next output agrees, or call it a mismatch once the output is quiet (tick).
      this.suspect = true;
      return '';
    }
    this.suspect = false;
    for (const e of this.expected.slice(1, k + 1)) this.addRtt(now - e.at);
    this.stats.confirmed += k;
    this.expected = this.expected.slice(k);
    if (this.expected.length === 1) {
      // All confirmed: the next key anchors afresh where the server's cursor then is.
      this.anchor = null;
      this.expected = [];
      return '';
    }
    return this.repaint();
  }

  /** Called now and then: a prediction the server never confirmed is taken back. */
  tick(now: number): string {
    if (this.suspect && now - this.lastOutputAt >= this.limits.settleMs) {
      this.stats.mismatches += 1;
      return this.pauseUntilSettled(now);
    }
    const oldest = this.expected[1];
    if (!oldest || now - oldest.at < this.limits.expireMs) return '';
    this.stats.expired += 1;
    return this.pauseUntilSettled(now);
  }

  private mayStart(now: number, view: ScreenView): boolean {
    if (view.alternate || (this.shell !== 'prompt' && this.shell !== 'continuation')) return false;
    if (this.pause?.kind === 'prompt') return false;
    if (this.pause?.kind === 'settle') {
      if (this.lastOutputAt <= this.pause.at || now - this.lastOutputAt < this.limits.settleMs) return false;
      this.pause = null;
    }
    // Only at the end of the line: an insertion mid-line shifts what follows, the server's business.
    return view.cursorX < view.cols - 1 && view.cells(view.cursorRow, view.cursorX, view.cols - view.cursorX).trim() === '';
  }

  private pauseUntilSettled(now: number): string {
    const undo = this.drop();
    if (this.pause?.kind !== 'prompt') this.pause = { kind: 'settle', at: now };
    return undo;
  }

  /** Forgets every prediction; returns what erases the painted ones. */
  private drop(): string {
    const undo = this.erase();
    this.suspect = false;
    this.anchor = null;
    this.expected = [];
    return undo;
  }

  private erase(): string {
    const n = this.painted.length;
    this.painted = '';
    return n ? `\x1b[${n}D\x1b[${n}X` : '';
  }

  /** Paints the newest expected line beyond what the server shows, changing only what differs. */
  private repaint(): string {
    const anchor = this.anchor;
    const base = this.expected[0]?.text ?? '';
    const last = this.expected.at(-1)?.text ?? '';
    let want = '';
    if (anchor && !this.suspect && this.painting() && last.startsWith(base)) {
      // Stop a cell short of the edge: the server decides how a line wraps.
      const room = Math.max(0, anchor.cols - 1 - anchor.x - base.length);
      want = last.slice(base.length, base.length + room);
    }
    const keep = commonPrefix(this.painted, want);
    const gone = this.painted.length - keep;
    let out = gone ? `\x1b[${gone}D\x1b[${gone}X` : '';
    if (want.length > keep) out += `${PAINT_ON}${want.slice(keep)}${PAINT_OFF}`;
    this.painted = want;
    return out;
  }

  private addRtt(ms: number): void {
    this.rtts.push(ms);
    if (this.rtts.length > this.limits.rttSamples) this.rtts.shift();
  }
}
