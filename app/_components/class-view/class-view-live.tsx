'use client';
// The instructor's class view, updated in place as learners work (use-class-view.ts): the matrix,
// who is stuck, the failing checks, and the CSV export link.

import './class-view.css';
import type { ClassView } from '@/app/_server/class-view';
import { formatUtc } from './cell-text';
import { ClassMatrix } from './class-matrix';
import { FailingChecks } from './failing-checks';
import { StuckList } from './stuck-list';
import { useClassView, type LiveState } from './use-class-view';

const LIVE_TEXT: Record<LiveState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  gone: 'Not updating: reload the page',
};

export function ClassViewLive({ initial }: { initial: ClassView }) {
  const { view, live } = useClassView(initial);
  const csvHref = `/api/cohorts/${encodeURIComponent(view.cohort.id)}/matrix.csv`;
  return (
    <>
      <h1>{view.cohort.name}: class view</h1>
      <p className="class-view__status">
        <span className={`class-view__live class-view__live--${live}`} data-testid="class-view-live" data-state={live} role="status">
          {LIVE_TEXT[live]}
        </span>{' '}
        <span data-testid="class-view-updated">updated {formatUtc(view.generatedAt)}</span> ·{' '}
        <a href={csvHref} download data-testid="class-view-csv">
          Download the matrix (CSV)
        </a>
      </p>
      <h2>Learners × labs</h2>
      <ClassMatrix view={view} />
      <h2>Stuck</h2>
      <StuckList view={view} />
      <h2>Checks failing most</h2>
      <FailingChecks view={view} />
    </>
  );
}
