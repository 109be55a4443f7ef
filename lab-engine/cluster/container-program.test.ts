// What a container's command makes it do: `sleep` with the duration forms tutorials use
// (`sleep 1d`, `sleep 10m`, `sleep infinity`), and an unparsable duration exits 1 as sleep does.

import { describe, expect, it } from 'vitest';
import { containerProgram, sleepSeconds } from './container-program';
import { IMAGE_REGISTRY_ENTRIES as KNOWN_IMAGES } from '../dataplane/apps/images';
import type { Container } from '../kube/types';

const container = (fields: Pick<Container, 'command' | 'args'>): Container => ({ name: 'c', image: 'busybox', ...fields }) as Container;
const busybox = KNOWN_IMAGES.find((i) => i.repository === 'docker.io/library/busybox')!;

describe('sleep durations', () => {
  it('reads seconds, suffixes and sums like coreutils and busybox', () => {
    expect(sleepSeconds(['3600'])).toBe(3600);
    expect(sleepSeconds(['1d'])).toBe(86_400);
    expect(sleepSeconds(['10m'])).toBe(600);
    expect(sleepSeconds(['1.5h'])).toBe(5400);
    expect(sleepSeconds(['1m', '30s'])).toBe(90);
    expect(sleepSeconds(['infinity'])).toBe(Infinity);
    expect(sleepSeconds(['soon'])).toBeUndefined();
    expect(sleepSeconds([])).toBeUndefined();
  });

  it('a pod running `sleep 1d` stays up for a day; `sleep soon` fails at once', () => {
    expect(containerProgram(container({ command: ['sleep', '1d'] }), busybox)).toEqual({ kind: 'exit', afterMs: 86_400_000, exitCode: 0 });
    expect(containerProgram(container({ args: ['sleep', '1d'] }), busybox)).toEqual({ kind: 'exit', afterMs: 86_400_000, exitCode: 0 });
    expect(containerProgram(container({ command: ['sleep', 'infinity'] }), busybox)).toEqual({ kind: 'serve' });
    expect(containerProgram(container({ command: ['sleep', 'soon'] }), busybox)).toEqual({ kind: 'exit', afterMs: 0, exitCode: 1 });
  });
});
