// The history view's diffs: one unified patch per changed file, added and removed files against
// empty text, unchanged files left out.

import { describe, expect, it } from 'vitest';
import { diffLabFiles } from './lab-diff';

describe('diffLabFiles', () => {
  it('gives a unified diff per changed, added and removed file, in path order', () => {
    const from = { 'lab.yaml': 'id: x\ntitle: Old\nseed: 1\n', 'steps/01.mdx': 'same\n', 'files/gone.yaml': 'kind: Pod\n' };
    const to = { 'lab.yaml': 'id: x\ntitle: New\nseed: 1\n', 'steps/01.mdx': 'same\n', 'files/new.yaml': 'kind: Service\n' };
    const diffs = diffLabFiles(from, to, { from: 'version 1', to: 'draft' });
    expect(diffs.map((d) => d.path)).toEqual(['files/gone.yaml', 'files/new.yaml', 'lab.yaml']);
    const yaml = diffs.find((d) => d.path === 'lab.yaml')!.patch;
    expect(yaml).toContain('--- a/lab.yaml\tversion 1');
    expect(yaml).toContain('+++ b/lab.yaml\tdraft');
    expect(yaml).toContain('-title: Old\n+title: New');
    expect(diffs[0].patch).toContain('+++ /dev/null');
    expect(diffs[0].patch).toContain('-kind: Pod');
    expect(diffs[1].patch).toContain('--- /dev/null');
    expect(diffs[1].patch).toContain('+kind: Service');
  });

  it('is empty for identical folders', () => {
    expect(diffLabFiles({ a: 'x' }, { a: 'x' }, { from: '1', to: '2' })).toEqual([]);
  });
});
