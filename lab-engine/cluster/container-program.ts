// What a container does once started, from its image and command: serve until stopped, or exit
// after a while with some code. Enough to tell `kubectl run b --image=busybox` (exits at once,
// so CrashLoopBackOff) from `... -- sleep 3600` (runs for an hour). What the image's default
// command does is its registry entry's defaultExitCode, which the image's profile
// (dataplane/apps/images/<image>.ts, `defaultCommand`) gives the catalogue; the rest is the
// command's own.

import type { Container } from '../kube/types';
import type { ImageInfo } from './images';

export type Program = { kind: 'serve' } | { kind: 'exit'; afterMs: number; exitCode: number };

export function containerProgram(container: Container, image: ImageInfo): Program {
  const argv = [...(container.command ?? []), ...(container.args ?? [])];
  if (argv.length === 0) {
    return image.defaultExitCode === undefined ? { kind: 'serve' } : { kind: 'exit', afterMs: 0, exitCode: image.defaultExitCode };
  }
  // Only an explicit command replaces the entrypoint; bare args go to the image's own program.
  if (!container.command && image.defaultExitCode === undefined) return { kind: 'serve' };
  const [program, ...rest] = argv;
  const name = program.split('/').pop();
  switch (name) {
    case 'sleep': {
      const seconds = sleepSeconds(rest);
      if (seconds === Infinity) return { kind: 'serve' };
      return seconds !== undefined ? { kind: 'exit', afterMs: seconds * 1000, exitCode: 0 } : { kind: 'exit', afterMs: 0, exitCode: 1 };
    }
    case 'echo':
    case 'true':
    case 'date':
    case 'env':
      return { kind: 'exit', afterMs: 0, exitCode: 0 };
    case 'false':
      return { kind: 'exit', afterMs: 0, exitCode: 1 };
    case 'sh':
    case 'ash':
    case 'bash':
      return rest[0] === '-c' && rest[1] !== undefined ? scriptProgram(rest[1]) : { kind: 'serve' };
    default:
      return { kind: 'serve' };
  }
}

/**
 * `sh -c SCRIPT` when the script is a plain list of commands whose effect is known (echo, sleep,
 * exit, true, false, ...), as Job examples write them (`echo hi && sleep 10 && exit 1`): it ends
 * after the sleeps, with the code of `exit` or `false`. Anything else (a loop, a server) runs on.
 */
function scriptProgram(script: string): Program {
  let afterMs = 0;
  for (const statement of script.split(/&&|;|\n/)) {
    const [name, ...args] = statement.trim().split(/\s+/).map((w) => w.replace(/^['"]|['"]$/g, ''));
    if (!name) continue;
    if (name === 'sleep') {
      const seconds = sleepSeconds(args);
      if (seconds === Infinity) return { kind: 'serve' };
      if (seconds === undefined) return { kind: 'exit', afterMs, exitCode: 1 };
      afterMs += seconds * 1000;
    } else if (name === 'exit') {
      return { kind: 'exit', afterMs, exitCode: /^\d+$/.test(args[0] ?? '0') ? Number(args[0] ?? 0) & 255 : 2 };
    } else if (name === 'false') {
      return { kind: 'exit', afterMs, exitCode: 1 };
    } else if (!QUICK_COMMANDS.has(name)) {
      return { kind: 'serve' };
    }
  }
  return { kind: 'exit', afterMs, exitCode: 0 };
}

const QUICK_COMMANDS = new Set(['echo', 'printf', 'true', ':', 'date', 'env', 'printenv', 'hostname', 'uname', 'whoami', 'id', 'pwd']);

const SLEEP_UNITS: Readonly<Record<string, number>> = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 };

/** sleep's operands as coreutils and busybox read them: `3600`, `1.5`, `10m`, `1d`, `infinity`; several are added up. */
export function sleepSeconds(operands: readonly string[]): number | undefined {
  if (operands.length === 0) return undefined;
  let total = 0;
  for (const operand of operands) {
    if (operand === 'infinity' || operand === 'inf') return Infinity;
    const match = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(operand);
    if (!match) return undefined;
    total += Number(match[1]) * SLEEP_UNITS[match[2]];
  }
  return total;
}
