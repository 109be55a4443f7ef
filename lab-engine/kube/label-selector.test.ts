import { describe, expect, it } from 'vitest';
import { matchesSelector, parseSelector } from './label-selector';

function matches(selector: string, labels: Record<string, string>): boolean {
  const parsed = parseSelector(selector);
  if (!parsed.ok) throw new Error(parsed.error);
  return matchesSelector(labels, parsed.requirements);
}

describe('parseSelector (the -l text kubectl and the checks both take)', () => {
  it('reads every form as metav1 requirements', () => {
    expect(parseSelector('app=web, tier==front,env!=prod,ready,!canary,zone in (a, b),os notin (windows)')).toEqual({
      ok: true,
      requirements: [
        { key: 'app', operator: 'In', values: ['web'] },
        { key: 'tier', operator: 'In', values: ['front'] },
        { key: 'env', operator: 'NotIn', values: ['prod'] },
        { key: 'ready', operator: 'Exists' },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'zone', operator: 'In', values: ['a', 'b'] },
        { key: 'os', operator: 'NotIn', values: ['windows'] },
      ],
    });
    expect(parseSelector('')).toEqual({ ok: true, requirements: [] });
  });

  it("answers apimachinery's error for what does not parse", () => {
    expect(parseSelector('app=a=b')).toEqual({ ok: false, error: "unable to parse requirement: found 'app=a=b', expected: identifier" });
  });

  it('matches as labels.Requirement.Matches does: != and notin hold for a pod without the label', () => {
    expect(matches('app=web', { app: 'web' })).toBe(true);
    expect(matches('app=web', {})).toBe(false);
    expect(matches('app!=web', {})).toBe(true);
    expect(matches('app!=web', { app: 'web' })).toBe(false);
    expect(matches('tier notin (db)', {})).toBe(true);
    expect(matches('tier in (db)', {})).toBe(false);
    expect(matches('!canary', { canary: '' })).toBe(false);
    expect(matches('', { any: 'thing' })).toBe(true);
  });
});
