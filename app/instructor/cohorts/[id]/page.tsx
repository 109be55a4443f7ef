// /instructor/cohorts/[id]: the live class view of one cohort, for its owner or an admin.
// classViewFor asks canManageCohort itself (this page does not rely on a layout to guard it);
// anyone else gets the same 404 as for a cohort that does not exist. Rendered per request, then
// kept live in the browser by the event stream.

import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ClassViewLive } from '@/app/_components/class-view/class-view-live';
import { getSessionUser } from '@/app/_server/auth';
import { classViewFor } from '@/app/_server/class-view';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Class view' };

export default async function ClassViewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await getSessionUser(await headers());
  if (!user) {
    return (
      <main className="course-index">
        <h1>Class view</h1>
        <p>
          <Link href={`/signin?next=${encodeURIComponent(`/instructor/cohorts/${id}`)}`}>Sign in</Link> to see your cohort.
        </p>
      </main>
    );
  }
  const view = await classViewFor(user, id);
  if (!view) notFound();
  return (
    <main className="course-index class-view-page">
      <ClassViewLive initial={view} />
    </main>
  );
}
