// /progress: the signed-in learner's own record — every lab with its status, best time, hints
// used and a link to replay their latest attempt, and per module the lessons read and quizzes
// passed; then the labs their instructors wrote in the browser (not part of the course's totals). Rendered per request (it is about one learner); signed out, it says how to get one.

import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { formatDuration } from '@/app/_components/lab/format-duration';
import { ProgressMeter } from '@/app/_components/progress/progress-bars';
import { latestLabAttempts } from '@/app/_server/attempt-replay';
import { getSessionUser } from '@/app/_server/auth';
import { authoredLabProgress } from '@/app/_server/authored-labs/authored-progress';
import { courseProgress, type LabStatus } from '@/app/_server/course-progress';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your progress' };

const STATUS_TEXT: Record<LabStatus, string> = { 'not-started': 'Not started', 'in-progress': 'In progress', completed: 'Complete' };

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });

export default async function ProgressPage() {
  const user = await getSessionUser(await headers());
  if (!user) {
    return (
      <main className="course-index">
        <h1>Your progress</h1>
        <p>
          <Link href="/signin?next=/progress">Sign in</Link> to see the labs you finished, your best times and the lessons you read.
        </p>
      </main>
    );
  }
  const [progress, attempts, authored] = await Promise.all([courseProgress(user.id), latestLabAttempts(user.id), authoredLabProgress(user)]);
  return (
    <main className="course-index progress-page">
      <h1>Your progress</h1>
      <div className="progress-tallies">
        <ProgressMeter label="Lessons read" tally={progress.totals.lessons} testId="progress-lessons" />
        <ProgressMeter label="Quizzes passed" tally={progress.totals.quizzes} testId="progress-quizzes" />
        <ProgressMeter label="Labs done" tally={progress.totals.labs} testId="progress-labs" />
      </div>
      {progress.continueAt && (
        <p>
          <Link className="button" href={progress.continueAt.href}>
            {progress.continueAt.reason === 'resume' ? 'Continue where you left off' : 'Up next'}: {progress.continueAt.title} →
          </Link>
        </p>
      )}
      <h2>Labs</h2>
      <table className="progress-table" data-testid="progress-labs-table">
        <thead>
          <tr>
            <th scope="col">Lab</th>
            <th scope="col">Module</th>
            <th scope="col">Status</th>
            <th scope="col">Checks</th>
            <th scope="col">Best time</th>
            <th scope="col">Hints used</th>
            <th scope="col">First completed</th>
            <th scope="col">Replay</th>
          </tr>
        </thead>
        <tbody>
          {progress.labs.map((lab) => (
            <tr key={lab.labId} data-testid={`progress-lab-${lab.labId}`} data-status={lab.status}>
              <th scope="row">
                <Link href={lab.href}>{lab.title}</Link>
              </th>
              <td>{lab.moduleTitle}</td>
              <td className={`progress-table__status progress-table__status--${lab.status}`}>{STATUS_TEXT[lab.status]}</td>
              <td>
                {lab.checksPassed}/{lab.checksTotal}
              </td>
              <td data-testid={`best-time-${lab.labId}`}>{lab.bestTimeSeconds === null ? '—' : formatDuration(lab.bestTimeSeconds)}</td>
              <td>{lab.hintsUsed ?? '—'}</td>
              <td>{lab.firstCompletedAt ? dateFormat.format(new Date(lab.firstCompletedAt)) : '—'}</td>
              <td>
                {attempts.has(lab.labId) ? (
                  <Link href={`/replay/${attempts.get(lab.labId)}`} data-testid={`replay-link-${lab.labId}`} aria-label={`Replay your latest attempt at ${lab.title}`}>
                    Replay
                  </Link>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {authored.length > 0 && (
        <>
          <h2>Labs from your instructors</h2>
          <table className="progress-table" data-testid="progress-authored-labs-table">
            <thead>
              <tr>
                <th scope="col">Lab</th>
                <th scope="col">Module</th>
                <th scope="col">Status</th>
                <th scope="col">Checks</th>
                <th scope="col">Best time</th>
                <th scope="col">Hints used</th>
                <th scope="col">First completed</th>
              </tr>
            </thead>
            <tbody>
              {authored.map((lab) => (
                <tr key={lab.labId} data-testid={`progress-lab-${lab.labId}`} data-status={lab.status}>
                  <th scope="row">
                    <Link href={lab.href}>{lab.title}</Link>
                  </th>
                  <td>{lab.moduleTitle}</td>
                  <td className={`progress-table__status progress-table__status--${lab.status}`}>{STATUS_TEXT[lab.status]}</td>
                  <td>
                    {lab.checksPassed}/{lab.checksTotal}
                  </td>
                  <td>{lab.bestTimeSeconds === null ? '—' : formatDuration(lab.bestTimeSeconds)}</td>
                  <td>{lab.hintsUsed ?? '—'}</td>
                  <td>{lab.firstCompletedAt ? dateFormat.format(new Date(lab.firstCompletedAt)) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2>Lessons</h2>
      <table className="progress-table">
        <thead>
          <tr>
            <th scope="col">Lesson</th>
            <th scope="col">Read</th>
            <th scope="col">Quizzes passed</th>
          </tr>
        </thead>
        <tbody>
          {progress.modules.flatMap((courseModule) =>
            courseModule.lessonStatus.map((lesson) => (
              <tr key={lesson.key}>
                <th scope="row">
                  <Link href={lesson.href}>{lesson.title}</Link>
                </th>
                <td>{lesson.read ? 'Yes' : 'Not yet'}</td>
                <td>{lesson.quizzes.total === 0 ? '—' : `${lesson.quizzes.done}/${lesson.quizzes.total}`}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </main>
  );
}
