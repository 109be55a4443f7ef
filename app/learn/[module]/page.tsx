// /learn/<module>: a module's overview, its lessons and labs in order, with the learner's
// progress in it (filled in after load). Static, like the lessons.

import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ModuleProgress } from '@/app/_components/progress/progress-bars';
import { getModule, listModules } from '@/app/_lessons/catalogue';
import { findLab } from '@/app/_server/lab-catalogue';

export const dynamic = 'force-static';
export const dynamicParams = false;

export async function generateStaticParams() {
  return (await listModules()).map((m) => ({ module: m.slug }));
}

export default async function ModulePage({ params }: { params: Promise<{ module: string }> }) {
  const courseModule = await getModule((await params).module);
  if (!courseModule) notFound();
  const labs = (await Promise.all(courseModule.labs.map((id) => findLab(id)))).filter((lab) => lab !== null);
  return (
    <main className="course-index">
      <p className="lesson__breadcrumb">
        <Link href="/">Course</Link> / Module {courseModule.order}
      </p>
      <h1>{courseModule.title}</h1>
      <p className="course-index__lead">{courseModule.summary}</p>
      <ModuleProgress moduleSlug={courseModule.slug} withContinue />
      <h2>Lessons</h2>
      <ol className="lesson-list">
        {courseModule.lessons.map((lesson) => (
          <li key={lesson.slug}>
            <Link href={lesson.href}>{lesson.title}</Link>
          </li>
        ))}
      </ol>
      {labs.length > 0 && (
        <>
          <h2>Lab{labs.length > 1 ? 's' : ''}</h2>
          <ul className="lesson-list">
            {labs.map((lab) => (
              <li key={lab.id}>
                <Link href={`/labs/${lab.id}`}>{lab.title}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
