// The typeahead predictor (terminal-typeahead.ts) wired to an xterm.js terminal: a key's paint is
// written at once, server output is written after erasing the painted keys and reconciled once
// xterm has parsed it, and the predictor reads the active buffer. The mode comes from the page's
// address (`?typeahead=on|off|auto`, for tests and demos) or the learner's setting (localStorage),
// auto by default; the state is shown as data attributes on the terminal's element.

import type { IBuffer, Terminal } from '@xterm/xterm';
import type { ShellState } from '../../lab-engine/protocol';
import { TYPEAHEAD_MODES, TypeaheadPredictor, type ScreenView, type TypeaheadMode } from './terminal-typeahead';

export const TYPEAHEAD_STORAGE_KEY = 'flatnet.typeahead';
/** How often an unconfirmed prediction is looked at (it expires after TYPEAHEAD_LIMITS.expireMs). */
const TICK_MS = 250;

function isMode(value: unknown): value is TypeaheadMode {
  return typeof value === 'string' && (TYPEAHEAD_MODES as readonly string[]).includes(value);
}

/** The learner's saved choice, or auto. */
export function savedTypeaheadMode(): TypeaheadMode {
  try {
    const saved = window.localStorage.getItem(TYPEAHEAD_STORAGE_KEY);
    return isMode(saved) ? saved : 'auto';
  } catch {
    return 'auto';
  }
}

export function saveTypeaheadMode(mode: TypeaheadMode): void {
  try {
    window.localStorage.setItem(TYPEAHEAD_STORAGE_KEY, mode);
  } catch {
    // private mode: the choice lasts this page
  }
}

/** The page's address overrides the setting (tests force a mode whatever the latency). */
function modeOverride(): TypeaheadMode | null {
  const value = new URLSearchParams(window.location.search).get('typeahead');
  return isMode(value) ? value : null;
}

function viewOf(term: Terminal): ScreenView {
  const buffer: IBuffer = term.buffer.active;
  return {
    cursorX: buffer.cursorX,
    cursorRow: buffer.baseY + buffer.cursorY,
    cols: term.cols,
    alternate: buffer.type === 'alternate',
    cells(row, x, n) {
      const line = buffer.getLine(row);
      let text = '';
      for (let i = 0; i < n; i++) text += line?.getCell(x + i)?.getChars() || ' ';
      return text;
    },
  };
}

export interface TerminalTypeahead {
  /** A key the learner typed, before it goes to the server. */
  key(data: string): void;
  /** Server output for the terminal (write it through here, never with term.write). */
  output(text: string): void;
  shell(state: ShellState, inputs: number): void;
  /** The terminal was reset (a new connection): forget everything. */
  reset(): void;
  /** The terminal is about to change size: take predictions back. */
  clear(): void;
  setMode(mode: TypeaheadMode): void;
  /** The painted prediction's cells, to leave out of the server's text. */
  paintedCells(): { row: number; from: number } | null;
  dispose(): void;
}

export function attachTypeahead(term: Terminal, element: HTMLElement): TerminalTypeahead {
  const forced = modeOverride();
  const predictor = new TypeaheadPredictor(forced ?? savedTypeaheadMode());
  let mode = forced ?? savedTypeaheadMode();
  let parsing = 0;
  const write = (text: string) => {
    if (text) term.write(text);
  };
  const show = () => {
    element.dataset.typeahead = mode;
    element.dataset.typeaheadPainting = String(predictor.painting());
    const rtt = predictor.medianRtt();
    if (rtt !== null) element.dataset.typeaheadRttMs = String(Math.round(rtt));
    element.dataset.typeaheadConfirmed = String(predictor.stats.confirmed);
    element.dataset.typeaheadMismatches = String(predictor.stats.mismatches);
  };
  show();
  const timer = setInterval(() => {
    write(predictor.tick(performance.now()));
    show();
  }, TICK_MS);
  return {
    key(data) {
      write(predictor.onKey(data, performance.now(), parsing ? null : viewOf(term)));
    },
    output(text) {
      write(predictor.undo(performance.now()));
      parsing += 1;
      term.write(text, () => {
        parsing -= 1;
        if (parsing) return;
        write(predictor.reconcile(performance.now(), viewOf(term)));
        show();
      });
    },
    shell: (state, inputs) => write(predictor.onShell(state, inputs)),
    reset: () => predictor.reset(),
    clear: () => write(predictor.clear()),
    setMode(next) {
      // A forced mode (the address) wins over the setting for this page.
      mode = forced ?? next;
      write(predictor.setMode(mode));
      show();
    },
    paintedCells: () => predictor.paintedCells(),
    dispose: () => clearInterval(timer),
  };
}
