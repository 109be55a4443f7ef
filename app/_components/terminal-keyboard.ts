// A way out of the terminal for keyboard users (WCAG 2.1.2, no keyboard trap). A terminal needs
// Tab (completion) and Escape (vi, readline's Meta prefix), so neither alone may leave: Escape
// followed by Tab or Shift+Tab does, as in VS Code's terminal and CodeMirror. The Escape still
// reaches the shell (readline drops a lone one), the Tab does not: the browser moves focus.
// The key is told to screen readers through aria-describedby and shown while the terminal has focus.

import type { Terminal } from '@xterm/xterm';

export const LEAVE_TERMINAL_HINT = 'Press Esc then Tab to leave the terminal';

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta']);

/** Returns the part of xterm's custom key handler that lets Escape, Tab leave; false = let the browser have the key. */
export function leaveKeyHandler(): (event: KeyboardEvent) => boolean {
  let armed = false;
  return (event) => {
    if (event.type !== 'keydown' || MODIFIERS.has(event.key)) return true;
    if (event.key === 'Tab' && armed && !event.ctrlKey && !event.altKey && !event.metaKey) {
      armed = false;
      return false;
    }
    armed = event.key === 'Escape';
    return true;
  };
}

let hints = 0;

/** Adds the visible hint over the terminal and points the terminal's input at it. */
export function addLeaveHint(term: Terminal, container: HTMLElement): () => void {
  hints += 1;
  const hint = document.createElement('p');
  hint.id = `lab-terminal-hint-${hints}`;
  hint.className = 'lab-terminal__hint';
  hint.textContent = LEAVE_TERMINAL_HINT;
  container.classList.add('lab-terminal');
  container.appendChild(hint);
  term.textarea?.setAttribute('aria-describedby', hint.id);
  return () => hint.remove();
}
