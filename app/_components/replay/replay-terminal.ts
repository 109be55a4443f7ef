// A read-only xterm.js for replays and live watching: it only ever writes what was recorded or
// relayed. Stdin is disabled and no key handler is attached, so nothing typed here goes anywhere.

import type { Terminal } from '@xterm/xterm';
import { terminalBufferText } from '../terminal-text';

export interface ReplayTerminal {
  write(data: string): void;
  reset(): void;
  /** The buffer as text, one logical line per line (Playwright reads this). */
  text(): string;
  dispose(): void;
}

const DARK = { background: '#0f1720', foreground: '#d9e1ea', cursor: '#0f1720', selectionBackground: '#2b4a63' };
const LIGHT = { background: '#fbfcfd', foreground: '#1d2733', cursor: '#fbfcfd', selectionBackground: '#cfe3f7' };

export async function openReplayTerminal(container: HTMLElement): Promise<ReplayTerminal> {
  const [{ Terminal }, { FitAddon }] = await Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit')]);
  const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  const theme = dark ? DARK : LIGHT;
  const term: Terminal = new Terminal({
    disableStdin: true,
    cursorBlink: false,
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
    fontSize: container.clientWidth > 0 && container.clientWidth < 480 ? 12 : 13,
    scrollback: 10_000,
    theme,
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  container.style.background = theme.background;
  term.open(container);
  fit.fit();
  const onResize = () => fit.fit();
  window.addEventListener('resize', onResize);
  return {
    write: (data) => term.write(data),
    reset: () => term.reset(),
    text: () => terminalBufferText(term),
    dispose() {
      window.removeEventListener('resize', onResize);
      term.dispose();
    },
  };
}
