// `sh -c SCRIPT` as Job examples write it: a list of known quick commands ends after its sleeps
// with the code of `exit` or `false`; anything the simulator cannot know the end of runs on.

import { describe, expect, it } from 'vitest';
import { containerProgram } from './container-program';
import { IMAGE_REGISTRY_ENTRIES as KNOWN_IMAGES } from '../dataplane/apps/images';
import type { Container } from '../kube/types';

const busybox = KNOWN_IMAGES.find((i) => i.repository === 'docker.io/library/busybox')!;
const sh = (script: string) => containerProgram({ name: 'c', image: 'busybox', command: ['sh', '-c', script] } as Container, busybox);

describe('sh -c scripts', () => {
  it('ends after the sleeps, with exit or false deciding the code', () => {
    expect(sh('echo hi')).toEqual({ kind: 'exit', afterMs: 0, exitCode: 0 });
    expect(sh('echo "Hello, Kubernetes!" && sleep 10')).toEqual({ kind: 'exit', afterMs: 10_000, exitCode: 0 });
    expect(sh('echo start; sleep 5; exit 3')).toEqual({ kind: 'exit', afterMs: 5000, exitCode: 3 });
    expect(sh('sleep 2 && false')).toEqual({ kind: 'exit', afterMs: 2000, exitCode: 1 });
  });

  it('runs on for loops, servers and endless sleeps', () => {
    expect(sh('while true; do echo tick; sleep 1; done')).toEqual({ kind: 'serve' });
    expect(sh('nc -lk -p 8080')).toEqual({ kind: 'serve' });
    expect(sh('echo ready && sleep infinity')).toEqual({ kind: 'serve' });
    expect(containerProgram({ name: 'c', image: 'busybox', command: ['sh'] } as Container, busybox)).toEqual({ kind: 'serve' });
  });
});
