// Redirections into and out of the virtual filesystem. Input redirects (`< file`, here-documents,
// `<<< word`) are read before the command runs and become its stdin; output redirects (`> f`,
// `>> f`, `2> f`, `2>&1`, `> /dev/null`) are applied afterwards to what the command wrote, left
// to right, so `> f 2>&1` and `2>&1 > f` differ as in bash. The filesystem is looked up through
// the services at each use: it changes when the learner moves to a node or a pod.

import type { CommandResult } from '../../core/command-result';
import type { CommandOutput } from '../command-types';
import type { Redirect } from '../syntax';
import type { Expander } from './expansion';
import type { Out } from './output';
import type { InterpreterServices } from './shell-state';

type Files = Pick<InterpreterServices, 'fs'>;

/** Text a redirect feeds to stdin: undefined when it is not an input redirect, null after an error. */
export async function redirectInput(r: Redirect, out: Out, expander: Expander, services: Files): Promise<string | undefined | null> {
  switch (r.kind) {
    case 'heredoc':
      return expander.expandJoined(r.body, out);
    case 'herestring':
      return `${await expander.expandJoined(r.body, out)}\n`;
    case 'file': {
      if (r.mode !== 'read') {
        await expander.expandJoined(r.target, out);
        return undefined;
      }
      const path = await expander.expandJoined(r.target, out);
      const text = services.fs.read(path);
      if (text === undefined) {
        out.write('stderr', `bash: ${path}: ${services.fs.isDirectory(path) ? 'Is a directory' : 'No such file or directory'}\n`);
        return null;
      }
      return text;
    }
    case 'dup':
      return undefined;
    default: {
      const never: never = r;
      return never;
    }
  }
}

/** Applies redirections left to right (so `> f 2>&1` and `2>&1 > f` differ as in bash). */
export function route(result: CommandResult, redirects: Redirect[], out: Out, expander: Expander, services: Files): number {
  type Dest = { kind: 'out' } | { kind: 'err' } | { kind: 'null' } | { kind: 'file'; path: string; append: boolean };
  const dest: Record<1 | 2, Dest> = { 1: { kind: 'out' }, 2: { kind: 'err' } };
  let status = result.exitCode;
  for (const r of redirects) {
    if (r.kind === 'dup') dest[r.fd] = dest[r.to];
    if (r.kind === 'file' && r.mode !== 'read') {
      const path = expander.targetText(r.target);
      const target: Dest = path === '/dev/null' ? { kind: 'null' } : { kind: 'file', path, append: r.mode === 'append' };
      if (r.fd === 1 || r.fd === 2) dest[r.fd] = target;
      if (target.kind === 'file' && !target.append) {
        const created = services.fs.write(path, '');
        if (!created.ok) {
          out.write('stderr', `bash: ${path}: ${created.reason}\n`);
          return 1;
        }
      }
    }
  }
  const emit = (d: Dest, text: string) => {
    if (!text) return;
    switch (d.kind) {
      case 'out':
        out.write('stdout', text);
        return;
      case 'err':
        out.write('stderr', text);
        return;
      case 'null':
        return;
      case 'file': {
        const written = services.fs.write(d.path, text, true);
        if (!written.ok) {
          out.write('stderr', `bash: ${d.path}: ${written.reason}\n`);
          status = 1;
        }
        return;
      }
      default: {
        const never: never = d;
        return never;
      }
    }
  };
  const chunks = (result as CommandOutput).chunks;
  if (chunks) for (const [stream, text] of chunks) emit(dest[stream === 'stdout' ? 1 : 2], text);
  else {
    emit(dest[1], result.stdout);
    emit(dest[2], result.stderr);
  }
  return status;
}
