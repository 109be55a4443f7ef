// What a container does once started, from its image and command: serve until stopped, or exit
// after a while with some code. Enough to tell `kubectl run b --image=busybox` (exits at once,
// so CrashLoopBackOff) from `... -- sleep 3600` (runs for an hour).

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
    default:
      return { kind: 'serve' };
  }
}

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
