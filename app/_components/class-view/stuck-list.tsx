// Who has been on one step longer than the cohort's limit while still typing: the people to walk
// over to first. Longest first.

import Link from 'next/link';
import type { ClassView } from '@/app/_server/class-view';
import { formatUtc } from './cell-text';

export function StuckList({ view }: { view: ClassView }) {
  if (view.stuck.length === 0) {
    return <p data-testid="stuck-empty">No one has been on one step for more than {view.cohort.stuckAfterMinutes} minutes.</p>;
  }
  return (
    <ul className="class-stuck" data-testid="stuck-list">
      {view.stuck.map((s) => (
        <li key={`${s.userId}/${s.labId}`} data-testid={`stuck-${s.userId}-${s.labId}`}>
          <strong>{s.name}</strong>: {s.labTitle}, step “{s.stepTitle}”, for {s.minutes} min (since {formatUtc(s.since)}).{' '}
          <Link href={`/replay/${s.attemptId}`}>Watch</Link>
        </li>
      ))}
    </ul>
  );
}
