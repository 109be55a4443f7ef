// /replay/:attemptId — one attempt's replay (or, with ?live=1, its live read-only watch) for
// whoever may see it: the learner their own, an instructor their cohorts' members, an admin all
// (replay-access.ts). Anyone else gets the same 404 as a missing attempt. The recording itself is
// loaded by the player from the replay route.

import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ReplayPlayer } from '@/app/_components/replay/replay-player';
import { describeReplay } from '@/app/_server/attempt-replay';
import { getSessionUser } from '@/app/_server/auth';
import { canViewAttempt } from '@/app/_server/replay-access';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Attempt replay' };

interface ReplayPageProps {
  params: Promise<{ attemptId: string }>;
  searchParams: Promise<{ live?: string | string[] }>;
}

export default async function ReplayPage({ params, searchParams }: ReplayPageProps) {
  const { attemptId } = await params;
  const live = (await searchParams).live === '1';
  const user = await getSessionUser(await headers());
  if (!user) {
    const here = `/replay/${encodeURIComponent(attemptId)}${live ? '?live=1' : ''}`;
    return (
      <main className="course-index">
        <h1>Attempt replay</h1>
        <p>
          <Link href={`/signin?next=${encodeURIComponent(here)}`}>Sign in</Link> to see this replay.
        </p>
      </main>
    );
  }
  if (!(await canViewAttempt(user, attemptId))) notFound();
  const about = await describeReplay(attemptId);
  if (!about) notFound();
  return (
    <main className="replay-page">
      <h1>
        {live ? 'Watching' : 'Replay'}: {about.labTitle}
      </h1>
      <p className="replay-page__lead" data-testid="replay-learner">
        {about.learnerName}’s attempt · <Link href={`/labs/${about.labId}`}>the lab</Link> ·{' '}
        {live ? <Link href={`/replay/${attemptId}`}>replay from the start</Link> : <Link href={`/replay/${attemptId}?live=1`}>watch live</Link>}
      </p>
      <ReplayPlayer attemptId={attemptId} live={live} />
    </main>
  );
}
