// clear: the escape sequence ncurses' clear writes for xterm (home, erase screen, erase scrollback).

import type { ShellCommand } from '../../command-types';
import { ok } from '../../command-types';

export const CLEAR_SEQUENCE = '\x1b[H\x1b[2J\x1b[3J';

export const clear: ShellCommand = { name: 'clear', run: () => ok(CLEAR_SEQUENCE) };
