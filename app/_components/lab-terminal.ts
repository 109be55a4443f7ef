// The browser side of one lab terminal: xterm.js with fit and web links, the WebSocket to the
// gateway (binary frames = output, text frames = JSON events, both as lab-engine/protocol
// declares them), automatic reconnection with backoff, and disposal of everything in one place.
// Lessons' runs go through a queue that types each only at a prompt (terminal-run-queue.ts);
// Escape then Tab leaves the terminal (terminal-keyboard.ts). Keys typed at a prompt are echoed
// at once and corrected by the server's own echo (terminal-typeahead-xterm.ts).

import type { Terminal } from '@xterm/xterm';
import { terminalBufferText } from './terminal-text';
import {
  SESSION_REFUSED_CLOSE_CODE,
  SERVICE_RESTART_CLOSE_CODE,
  encodeTerminalFrame,
  parseTerminalEvent,
  type CheckResultMessage,
  type TerminalClientFrame,
  type WalkFields,
} from '../../lab-engine/protocol';
import { INTERRUPT_EVENT, newRunId, reportRun, type RunRequest } from './lesson/run-bridge';
import { addLeaveHint, leaveKeyHandler } from './terminal-keyboard';
import { TerminalRunQueue } from './terminal-run-queue';
import { planInput } from './terminal-paste';
import { sessionRefusalText } from './session-refusal-text';
import { attachTypeahead } from './terminal-typeahead-xterm';
import type { TypeaheadMode } from './terminal-typeahead';

// full: the gateway refused to start the session (machine or account at its cap); no reconnecting.
export type ConnectionState = 'connecting' | 'ready' | 'reconnecting' | 'restarting' | 'failed' | 'full' | 'closed';

export interface LabTerminalCallbacks {
  onState(state: ConnectionState): void;
  onChecks(results: CheckResultMessage[]): void;
  /** The learner ran `trace`: its walk, for the panel's picture. */
  onWalk?(walk: WalkFields): void;
}

export interface LabTerminalHandle {
  /**
   * Types a command at the prompt and presses Enter, once the shell is at a prompt and earlier runs
   * (and their wait conditions) are done; its phases are reported under the request's id.
   */
  run(request: string | RunRequest): void;
  focus(): void;
  dispose(): void;
  /** The buffer as text, one line per row, as the server wrote it: predicted keys left out (Playwright reads this). */
  text(): string;
  /** The buffer as text with predicted keys, as the learner sees it. */
  screenText(): string;
  /** The learner's local echo setting changed. */
  setTypeahead(mode: TypeaheadMode): void;
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
    // A phone's column is narrow: a smaller font keeps kubectl's tables readable (about 50 columns at 375 px).
    fontSize: container.clientWidth > 0 && container.clientWidth < 480 ? 12 : 13,
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
  const removeHint = addLeaveHint(term, container);
  const typeahead = attachTypeahead(term, container);

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
  // Escape then Tab leaves the terminal (xterm takes one custom handler: both live in this one).
  const leaveKey = leaveKeyHandler();
  term.attachCustomKeyEventHandler((event) => {
    if (!leaveKey(event)) return false;
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
  let refused = false;
  // The server said it is restarting (1012): it is coming back, so keep trying for minutes, not seconds.
  let serverRestarting = false;
  // Input typed before labsh shows its prompt waits here, so the tty does not echo it twice.
  let shellReady = false;
  const queued: string[] = [];
  const decoder = new TextDecoder();

  const send = (frame: TerminalClientFrame): boolean => {
    if (socket?.readyState !== WebSocket.OPEN) return false;
    socket.send(encodeTerminalFrame(frame));
    return true;
  };
  const runs = new TerminalRunQueue({
    send,
    report: reportRun,
    later: (fn, ms) => {
      const timer = setTimeout(fn, ms);
      return () => clearTimeout(timer);
    },
  });
  // A Run button offers Ctrl-C when the shell is busy with a command that is not a Run's.
  const onInterrupt = () => {
    if (shellReady) send({ type: 'input', data: '\x03' });
  };
  window.addEventListener(INTERRUPT_EVENT, onInterrupt);

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
      serverRestarting = false;
      // A reattach replays the screen; start from a clean terminal so nothing shows twice.
      term.reset();
      typeahead.reset();
    };
    ws.onmessage = (event) => {
      // A socket this terminal has left (a reset's old session saying it ended) no longer speaks for it.
      if (disposed || socket !== ws) return;
      if (typeof event.data !== 'string') {
        typeahead.output(decoder.decode(new Uint8Array(event.data as ArrayBuffer), { stream: true }));
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
          if (shellReady) runs.shellReady();
          else runs.shellGone();
          return;
        case 'shell':
          typeahead.shell(message.state, message.inputs);
          runs.onShellState(message);
          return;
        case 'notice':
          typeahead.output(`${message.text}\r\n`);
          return;
        case 'refused':
          refused = true;
          typeahead.output(`\r\n${sessionRefusalText(message)}\r\n`);
          callbacks.onState('full');
          return;
        case 'walk':
          callbacks.onWalk?.({ source: message.source, destination: message.destination, trace: message.trace });
          return;
        default: {
          const never: never = message;
          return never;
        }
      }
    };
    ws.onclose = (event) => {
      if (socket === ws) socket = null;
      shellReady = false;
      runs.socketClosed();
      if (disposed) return;
      // Retrying a full machine every few seconds would only add load; the learner reloads later.
      if (refused || event.code === SESSION_REFUSED_CLOSE_CODE) {
        callbacks.onState('full');
        return;
      }
      if (event.code === SERVICE_RESTART_CLOSE_CODE) serverRestarting = true;
      attempt += 1;
      // 8 tries back off to about 30 s; after a 1012, 64 tries wait about 5 minutes.
      if (!opened && attempt > (serverRestarting ? 64 : 8)) {
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
    const plan = planInput(data);
    if (plan.kind === 'refuse') {
      typeahead.clear();
      term.write(`\r\n\x1b[33m${plan.message}\x1b[0m\r\n`);
      return;
    }
    for (const frame of plan.frames) {
      if (socket?.readyState === WebSocket.OPEN && shellReady) {
        typeahead.key(frame);
        send({ type: 'input', data: frame });
      }
      else if (queued.reduce((n, q) => n + q.length, 0) + frame.length <= 16 * 1024) queued.push(frame);
    }
  });
  const resizeObserver = new ResizeObserver(() => {
    typeahead.clear();
    try {
      fit.fit();
    } catch {
      // container hidden
    }
  });
  resizeObserver.observe(container);
  // The size in cells, on the element, for tests and layout checks (a phone must not get a sliver).
  const showSize = () => {
    container.dataset.cols = String(term.cols);
    container.dataset.rows = String(term.rows);
  };
  showSize();
  term.onResize(({ cols, rows }) => {
    showSize();
    send({ type: 'resize', cols, rows });
  });
  connect();

  return {
    run(request) {
      // Focus stays on the Run button, which shows the run's progress; the learner clicks or tabs into the terminal.
      runs.add(typeof request === 'string' ? { id: newRunId(), command: request } : request);
    },
    focus: () => term.focus(),
    text: () => terminalBufferText(term, typeahead.paintedCells()),
    screenText: () => terminalBufferText(term),
    setTypeahead: (mode) => typeahead.setMode(mode),
    dispose() {
      disposed = true;
      typeahead.dispose();
      runs.dispose();
      window.removeEventListener(INTERRUPT_EVENT, onInterrupt);
      removeHint();
      if (reconnectTimer) clearTimeout(reconnectTimer);
      resizeObserver.disconnect();
      colorScheme?.removeEventListener('change', onSchemeChange);
      socket?.close();
      term.dispose();
    },
  };
}
