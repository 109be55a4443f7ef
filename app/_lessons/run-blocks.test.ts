// The run-fence vocabulary: what it reads, and the mistakes it refuses before a learner sees them.

import { describe, expect, it } from 'vitest';
import { runBlocksOf } from './run-blocks';

describe('runBlocksOf', () => {
  it('reads commands, failure marks, labels, waits and expected output in order', () => {
    const source = [
      '# Lesson',
      '```sh run',
      'kubectl get nodes',
      '```',
      '```sh',
      'not a run block',
      '```',
      "```sh run fails label=\"Ask for a ghost\" waitFor=\"rollout ds/kube-proxy -n kube-system\" expect='NotFound\\s+ghost'",
      'kubectl get pod ghost',
      '```',
    ].join('\n');
    const blocks = runBlocksOf(source, 'lesson.mdx');
    expect(blocks.map((b) => [b.command, b.line, b.mayFail, b.label, b.waitForText])).toEqual([
      ['kubectl get nodes', 2, false, undefined, undefined],
      ['kubectl get pod ghost', 8, true, 'Ask for a ghost', 'rollout ds/kube-proxy -n kube-system'],
    ]);
    expect(blocks[1].waitFor).toEqual({ until: 'rollout', kind: 'daemonset', namespace: 'kube-system', name: 'kube-proxy' });
    expect(blocks[1].expect?.test('Error: NotFound   ghost')).toBe(true);
  });

  it.each([
    ['```sh run fast\nls\n```', /lesson.mdx:1: unknown word "fast" after `run`/],
    ['```sh run wait="ready pod/web"\nls\n```', /unknown attribute wait= on a run block; it takes label, waitFor, expect/],
    ['```sh run waitFor="ready pod/web/x"\nls\n```', /waitFor: .* is not a valid object name/],
    ["```sh run expect='(unclosed'\nls\n```", /expect: not a regular expression/],
  ])('refuses %j', (source, message) => {
    expect(() => runBlocksOf(source, 'lesson.mdx')).toThrow(message);
  });
});
