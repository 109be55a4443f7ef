// The browser side of one lab terminal: xterm.js with fit and web links, the WebSocket to the
// gateway (binary frames = output, text frames = JSON events, both as lab-engine/protocol
// declares them), automatic reconnection with backoff, and disposal of everything in one place.

import type { Terminal } from '@xterm/xterm';
import {
  encodeTerminalFrame,
  parseTerminalEvent,
  type CheckResultMessage,
  type TerminalClientFrame,
} from '../../lab-engine/protocol';

export type ConnectionState = 'connecting' | 'ready' | 'reconnecting' | 'restarting' | 'failed' | 'closed';

export interface LabTerminalCallbacks {
  onState(state: ConnectionState): void;
  onChecks(results: CheckResultMessage[]): void;
}

export interface LabTerminalHandle {
  /** Types a command at the prompt and presses Enter. */
  run(command: string): void;
  focus(): void;
  dispose(): void;
  /** The visible buffer as text, one line per row (Playwright reads this). */
  text(): string;
}

const DARK = { background: '#0f1720', foreground: '#d9e1ea', cursor: '#8bd5ff', selectionBackground: '#2b4a63' };
const LIGHT = { background: '#fbfcfd', foreground: '#1d2733', cursor: '#0b6bcb', selectionBackground: '#cfe3f7' };

export async function openLabTerminal(
  container: HTMLElement,
  attemptId: string,
  callbacks: LabTerminalCallbacks,
): Promise<LabTerminalHandle> {
  const [{ Terminal }, { FitAddon }, { WebLinksAddon }] = await Promise.all([
    import('@xterm/xterm'),
    import('@xterm/addon-fit'),
    import('@xterm/addon-web-links'),
  ]);
  const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  const term: Terminal = new Terminal({
    cursorBlink: true,
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
    fontSize: 13,
    scrollback: 5000,
    theme: dark ? DARK : LIGHT,
    allowProposedApi: false,
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.loadAddon(new WebLinksAddon());
  container.style.background = (dark ? DARK : LIGHT).background;
  term.open(container);
  fit.fit();

  // Follow the system's light/dark switch while the terminal is open.
  const colorScheme = window.matchMedia?.('(prefers-color-scheme: dark)');
  const onSchemeChange = (event: MediaQueryListEvent) => {
    const theme = event.matches ? DARK : LIGHT;
    term.options.theme = theme;
    container.style.background = theme.background;
  };
  colorScheme?.addEventListener('change', onSchemeChange);

  // Copy and paste as terminals do: Ctrl-Shift-C copies the selection, Ctrl-Shift-V pastes
  // (Ctrl-C stays the interrupt). The browser's own menu and middle-click keep working too.
  term.attachCustomKeyEventHandler((event) => {
    if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey) return true;
    if (event.code === 'KeyC') {
      if (term.hasSelection()) void navigator.clipboard?.writeText(term.getSelection()).catch(() => undefined);
      event.preventDefault();
      return false;
    }
    if (event.code === 'KeyV') {
      void navigator.clipboard?.readText().then((text) => text && term.paste(text), () => undefined);
      event.preventDefault();
      return false;
    }
    return true;
  });

  let socket: WebSocket | null = null;
  let disposed = false;
  let attempt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  // Input typed before labsh shows its prompt waits here, so the tty does not echo it twice.
  let shellReady = false;
  const queued: string[] = [];
  const decoder = new TextDecoder();

  const send = (frame: TerminalClientFrame) => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(encodeTerminalFrame(frame));
  };

  const connect = () => {
    if (disposed) return;
    callbacks.onState(attempt === 0 ? 'connecting' : 'reconnecting');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${scheme}://${location.host}/api/terminal?attempt=${encodeURIComponent(attemptId)}&cols=${term.cols}&rows=${term.rows}`;
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      attempt = 0;
      // A reattach replays the screen; start from a clean terminal so nothing shows twice.
      term.reset();
    };
    ws.onmessage = (event) => {
      if (typeof event.data !== 'string') {
        term.write(decoder.decode(new Uint8Array(event.data as ArrayBuffer), { stream: true }));
        return;
      }
      // A frame this page does not understand (a newer server) is skipped, never thrown on.
      const message = parseTerminalEvent(event.data);
      if (!message) return;
      switch (message.type) {
        case 'checks':
          callbacks.onChecks(message.results);
          return;
        case 'status':
          callbacks.onState(message.state === 'starting' ? 'connecting' : message.state);
          shellReady = message.state === 'ready';
          if (shellReady) {
            for (const data of queued.splice(0)) send({ type: 'input', data });
          }
          return;
        case 'notice':
          term.writeln(message.text);
          return;
        default: {
          const never: never = message;
          return never;
        }
      }
    };
    ws.onclose = () => {
      if (socket === ws) socket = null;
      shellReady = false;
      if (disposed) return;
      attempt += 1;
      if (!opened && attempt > 8) {
        callbacks.onState('failed');
        return;
      }
      callbacks.onState('reconnecting');
      const delay = Math.min(5000, 250 * 2 ** Math.min(attempt, 5));
      reconnectTimer = setTimeout(connect, delay);
    };
  };

  // Keys typed while the socket is down wait (bounded) and go out on reconnect, not into the void.
  term.onData((data) => {
    if (socket?.readyState === WebSocket.OPEN && shellReady) send({ type: 'input', data });
    else if (queued.reduce((n, q) => n + q.length, 0) + data.length <= 16 * 1024) queued.push(data);
  });
  const resizeObserver = new ResizeObserver(() => {
    try {
      fit.fit();
    } catch {
      // container hidden
    }
  });
  resizeObserver.observe(container);
  term.onResize(({ cols, rows }) => send({ type: 'resize', cols, rows }));
  connect();

  return {
    run(command) {
      const data = `${command}\r`;
      if (shellReady && socket?.readyState === WebSocket.OPEN) send({ type: 'input', data });
      else queued.push(data);
      term.focus();
    },
    focus: () => term.focus(),
    text() {
      const buffer = term.buffer.active;
      // Rows the terminal wrapped belong to one logical line: join them, as the learner reads them.
      let text = '';
      for (let i = 0; i < buffer.length; i++) {
        const line = buffer.getLine(i);
        if (i > 0 && !line?.isWrapped) text += '\n';
        // A row that continues on the next keeps its trailing cells (a space may sit at the wrap).
        text += line?.translateToString(!buffer.getLine(i + 1)?.isWrapped) ?? '';
      }
      return text;
    },
    dispose() {
      disposed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      resizeObserver.disconnect();
      colorScheme?.removeEventListener('change', onSchemeChange);
      socket?.close();
      term.dispose();
    },
  };
}
