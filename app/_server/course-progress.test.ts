import { describe, expect, it } from 'vitest';
import type { PathItem } from './course-path';
import { continueAt } from './course-progress';

const path: PathItem[] = [
  { kind: 'lesson', key: 'pod-network/model', moduleSlug: 'pod-network', title: 'The model', href: '/learn/pod-network/model' },
  { kind: 'lab', key: 'pod-basics', moduleSlug: 'pod-network', title: 'Pod basics', href: '/labs/pod-basics' },
  { kind: 'lesson', key: 'policies/intro', moduleSlug: 'policies', title: 'Policies', href: '/learn/policies/intro' },
  { kind: 'lab', key: 'netpol', moduleSlug: 'policies', title: 'Netpol', href: '/labs/netpol' },
];
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 10, minute));

describe('continue where you left off', () => {
  it('is nowhere before any activity', () => {
    expect(continueAt(path, new Map(), () => false)).toBeNull();
  });

  it('resumes the place last touched while it is unfinished', () => {
    const touched = new Map([['lesson:pod-network/model', at(1)], ['lab:pod-basics', at(5)]]);
    expect(continueAt(path, touched, () => false)).toMatchObject({ href: '/labs/pod-basics', reason: 'resume' });
  });

  it('moves on to the next unfinished place once the last one is done', () => {
    const touched = new Map([['lab:pod-basics', at(5)], ['lesson:pod-network/model', at(1)]]);
    const done = new Set(['pod-network/model', 'pod-basics']);
    expect(continueAt(path, touched, (item) => done.has(item.key))).toMatchObject({ href: '/learn/policies/intro', reason: 'next' });
  });

  it('goes back for what was skipped, and is nowhere once everything is done', () => {
    const touched = new Map([['lab:netpol', at(9)]]);
    const done = new Set(['netpol', 'policies/intro', 'pod-basics']);
    expect(continueAt(path, touched, (item) => done.has(item.key))).toMatchObject({ href: '/learn/pod-network/model', reason: 'next' });
    expect(continueAt(path, touched, () => true)).toBeNull();
  });
});
