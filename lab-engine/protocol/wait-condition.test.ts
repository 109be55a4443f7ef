// Wait conditions: what an author may write, what a page may send, and the words a learner reads.

import { describe, expect, it } from 'vitest';
import { describeWaitCondition, formatWaitCondition, isWaitCondition, parseWaitCondition } from './wait-condition';

describe('parseWaitCondition', () => {
  it.each([
    ['ready pod/web', { until: 'ready', kind: 'pod', namespace: 'default', name: 'web' }],
    ['ready po/web -n shop', { until: 'ready', kind: 'pod', namespace: 'shop', name: 'web' }],
    ['ready deploy/shop', { until: 'ready', kind: 'deployment', namespace: 'default', name: 'shop' }],
    ['ready pods web', { until: 'ready', kind: 'pod', namespace: 'default', name: 'web' }],
    ['rollout -n kube-system ds/kube-proxy', { until: 'rollout', kind: 'daemonset', namespace: 'kube-system', name: 'kube-proxy' }],
    ['  rollout  statefulset/db --namespace=data ', { until: 'rollout', kind: 'statefulset', namespace: 'data', name: 'db' }],
  ])('reads %s', (text, condition) => {
    expect(parseWaitCondition(text)).toEqual({ ok: true, condition });
  });

  it.each([
    ['', /does not start with ready or rollout/],
    ['running pod/web', /does not start with ready or rollout/],
    ['ready web', /names no kind\/name/],
    ['ready service/web', /service is not a kind a block can wait for/],
    ['rollout pod/web', /a pod has no rollout; wait for `ready pod\/web` instead/],
    ['ready pod/Web', /"Web" is not a valid object name/],
    ['ready pod/web -n', /-n needs a namespace/],
    ['ready pod/web -n Bad_NS', /"Bad_NS" is not a valid namespace name/],
    ['ready pod/a pod/b', /names more than one object/],
  ])('refuses %j with a way to fix it', (text, message) => {
    const parsed = parseWaitCondition(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it('formats back to the text it reads', () => {
    for (const text of ['ready pod/web', 'rollout daemonset/kube-proxy -n kube-system']) {
      const parsed = parseWaitCondition(text);
      expect(parsed.ok && formatWaitCondition(parsed.condition)).toBe(text);
    }
  });
});

describe('isWaitCondition', () => {
  it('accepts what the parser makes', () => {
    const parsed = parseWaitCondition('rollout deploy/web -n shop');
    expect(parsed.ok && isWaitCondition(parsed.condition)).toBe(true);
  });

  it.each([
    ['a command line', { until: 'ready', kind: 'pod', namespace: 'default', name: 'web; rm -rf /' }],
    ['an unknown condition', { until: 'exec', kind: 'pod', namespace: 'default', name: 'web' }],
    ['a kind without a rollout', { until: 'rollout', kind: 'pod', namespace: 'default', name: 'web' }],
    ['an inherited property as condition', { until: 'toString', kind: 'pod', namespace: 'default', name: 'web' }],
    ['no namespace', { until: 'ready', kind: 'pod', name: 'web' }],
    ['a string', 'ready pod/web'],
  ])('refuses %s', (_label, value) => {
    expect(isWaitCondition(value)).toBe(false);
  });
});

describe('describeWaitCondition', () => {
  it('says what the learner waits for', () => {
    expect(describeWaitCondition({ until: 'ready', kind: 'pod', namespace: 'default', name: 'web' })).toBe('pod/web to be Ready');
    expect(describeWaitCondition({ until: 'rollout', kind: 'daemonset', namespace: 'kube-system', name: 'kube-proxy' })).toBe(
      'the rollout of daemonset/kube-proxy in kube-system to finish',
    );
  });
});
