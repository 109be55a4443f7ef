// /instructor/labs: the labs written in the browser (list, a new one from the scaffold, an import
// of a lab folder). The layout has turned away anyone who is not staff; the list itself comes from
// /api/authoring/labs, which checks again and shows each instructor only their own.

import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthoredLabList } from '@/app/_components/authoring/authored-lab-list';
import { listModules } from '@/app/_lessons/catalogue';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your labs' };

export default async function AuthoredLabsPage() {
  const modules = (await listModules()).map(({ slug, title, order }) => ({ slug, title: `${order}. ${title}` }));
  return (
    <main className="course-index">
      <p className="lesson__breadcrumb">
        <Link href="/instructor">Instructor</Link> / Labs
      </p>
      <h1>Your labs</h1>
      <p className="course-index__lead">
        Write a lab in the browser, prove it with the self-test (setup fails every check, the solution passes them, each near-miss
        fails), then publish it to your cohorts. AUTHORING.md describes the same files.
      </p>
      <AuthoredLabList modules={modules} />
    </main>
  );
}
