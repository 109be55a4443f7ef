'use client';
// Progress bars for the catalogue, module and lesson pages (lessons read, quizzes passed, labs
// done) and "continue where you left off". The pages are static HTML; these fill in from the
// learner's records after load, in boxes whose size is fixed from the first paint.

import Link from 'next/link';
import './progress.css';
import type { Tally } from '@/app/_server/course-progress';
import { useCourseProgress } from './use-course-progress';

export function ProgressMeter({ label, tally, testId }: { label: string; tally: Tally; testId: string }) {
  const percent = tally.total === 0 ? 0 : Math.round((tally.done / tally.total) * 100);
  return (
    <div className="progress-meter" data-testid={testId} data-done={tally.done} data-total={tally.total}>
      <span className="progress-meter__label">{label}</span>
      <div
        className="progress-meter__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={tally.total}
        aria-valuenow={tally.done}
        aria-valuetext={`${tally.done} of ${tally.total}`}
      >
        <div className="progress-meter__fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="progress-meter__count">
        {tally.done}/{tally.total}
      </span>
    </div>
  );
}

function Tallies({ lessons, quizzes, labs, prefix }: { lessons: Tally; quizzes: Tally; labs: Tally; prefix: string }) {
  return (
    <div className="progress-tallies">
      <ProgressMeter label="Lessons read" tally={lessons} testId={`${prefix}-lessons`} />
      {quizzes.total > 0 && <ProgressMeter label="Quizzes passed" tally={quizzes} testId={`${prefix}-quizzes`} />}
      {labs.total > 0 && <ProgressMeter label="Labs done" tally={labs} testId={`${prefix}-labs`} />}
    </div>
  );
}

/** The whole course (catalogue page): totals, and where to continue. */
export function CourseProgressSummary() {
  const state = useCourseProgress();
  return (
    <section className="progress-box progress-box--course" aria-label="Your progress" data-testid="course-progress" data-status={state.status}>
      {state.status === 'loading' && <p className="progress-box__placeholder">Loading your progress…</p>}
      {state.status === 'signed-out' && (
        <p className="progress-box__placeholder">
          <Link href="/signup">Create an account</Link> or <Link href="/signin">sign in</Link> to keep your progress: lessons read,
          quizzes passed and labs done.
        </p>
      )}
      {state.status === 'error' && <p className="progress-box__placeholder">Your progress could not be loaded just now.</p>}
      {state.status === 'ready' && (
        <>
          <ContinueLink continueAt={state.progress.continueAt} fallback={state.progress.modules[0]?.lessonStatus[0]} />
          <Tallies {...state.progress.totals} prefix="course-progress" />
          <p className="progress-box__more">
            <Link href="/progress">Every lab, with your best times →</Link>
          </p>
        </>
      )}
    </section>
  );
}

function ContinueLink({ continueAt, fallback }: { continueAt: { title: string; href: string; kind: string; reason: string } | null; fallback?: { title: string; href: string } }) {
  if (continueAt) {
    return (
      <p className="progress-box__continue">
        <Link className="button" href={continueAt.href} data-testid="continue-link">
          {continueAt.reason === 'resume' ? 'Continue where you left off' : 'Up next'}: {continueAt.title} →
        </Link>
      </p>
    );
  }
  if (!fallback) return null;
  return (
    <p className="progress-box__continue">
      <Link className="button" href={fallback.href} data-testid="continue-link">
        Start with: {fallback.title} →
      </Link>
    </p>
  );
}

/** One module (a module card, a module page, a lesson page): its bars; `withContinue` adds the link. */
export function ModuleProgress({ moduleSlug, withContinue = false }: { moduleSlug: string; withContinue?: boolean }) {
  const state = useCourseProgress();
  const courseModule = state.status === 'ready' ? state.progress.modules.find((m) => m.slug === moduleSlug) : undefined;
  return (
    <div className="progress-box progress-box--module" data-testid={`module-progress-${moduleSlug}`} data-status={state.status}>
      {courseModule && state.status === 'ready' && (
        <>
          {withContinue && <ContinueLink continueAt={state.progress.continueAt} />}
          <Tallies lessons={courseModule.lessons} quizzes={courseModule.quizzes} labs={courseModule.labs} prefix={`module-progress-${moduleSlug}`} />
        </>
      )}
    </div>
  );
}
