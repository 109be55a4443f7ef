// watch: runs a command every N seconds (`-n`, default 2; `-t` hides the header) and redraws the
// whole screen in the terminal's alternate buffer until Ctrl-C, as procps' watch does. The
// command runs in the same shell (variables, pipes, limits). Without a live terminal (a script,
// a pipe) it refuses, like watch without a usable TERM, instead of looping forever.

import type { ShellCommand } from '../../command-types';
import { fail, ok } from '../../command-types';
import { MAX_LOOP_ITERATIONS } from '../../../core/limits';

const USAGE = '\nUsage:\n watch [options] command\n';
const ENTER_ALT = '\x1b[?1049h\x1b[?25l';
const LEAVE_ALT = '\x1b[?25h\x1b[?1049l';

function frame(header: string | null, output: string, columns: number, rows: number): string {
  const lines = output.replace(/\r/g, '').split('\n');
  const room = Math.max(1, rows - (header ? 2 : 0));
  const body = lines.slice(0, room).map((l) => (l.length > columns ? l.slice(0, columns) : l));
  return `\x1b[H\x1b[2J${header ? `${header.slice(0, columns)}\n\n` : ''}${body.join('\n')}`;
}

export const watch: ShellCommand = {
  name: 'watch',
  async run(ctx) {
    let interval = 2;
    let showHeader = true;
    let i = 0;
    const args = ctx.args;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === '--') { i++; break; }
      if (a === '-h' || a === '--help') return ok(`${USAGE}\nOptions:\n  -n, --interval <secs>  seconds to wait between updates\n  -t, --no-title         turn off header\n`);
      if (a === '-t' || a === '--no-title') { showHeader = false; continue; }
      const m = /^(?:-n|--interval=?)(.*)$/.exec(a);
      if (m) {
        const value = m[1] || args[++i];
        const n = Number(value);
        if (value === undefined || !Number.isFinite(n)) return fail(`watch: failed to parse argument: '${value ?? ''}'\n`);
        interval = Math.max(0.1, n);
        continue;
      }
      if (a.startsWith('-')) return fail(`watch: invalid option -- '${a.slice(1, 2)}'\n${USAGE}`);
      break;
    }
    const command = args.slice(i).join(' ');
    if (!command) return fail(`${USAGE}`);
    const terminal = ctx.terminal;
    if (!terminal || !ctx.exec) return fail('Error opening terminal: unknown.\n');
    const signal = ctx.signal;
    const header = showHeader ? `Every ${interval.toFixed(1)}s: ${command}` : null;
    terminal.write(ENTER_ALT);
    try {
      for (let n = 0; n < MAX_LOOP_ITERATIONS && !signal?.aborted; n++) {
        const result = await ctx.exec(command);
        if (signal?.aborted) break;
        const right = 'workstation';
        const head = header && header.length + right.length + 1 < terminal.columns ? header + right.padStart(terminal.columns - header.length) : header;
        terminal.write(frame(head, result.combined, terminal.columns, terminal.rows));
        await ctx.sleep(interval * 1000);
      }
    } finally {
      terminal.write(LEAVE_ALT);
    }
    return ok();
  },
};
