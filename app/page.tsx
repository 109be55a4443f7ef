// The course index: every module in order with its lessons, read from content/modules at build time,
// and the learner's progress (totals, "continue where you left off", a bar per module), which fills
// in after load so the page itself stays static.

import Link from 'next/link';
import { CourseProgressSummary, ModuleProgress } from '@/app/_components/progress/progress-bars';
import { listModules } from '@/app/_lessons/catalogue';
import { findLab } from '@/app/_server/lab-catalogue';

export const dynamic = 'force-static';

export default async function CourseIndexPage() {
  const modules = await listModules();
  const labTitles = new Map<string, string>();
  for (const id of modules.flatMap((m) => m.labs)) labTitles.set(id, (await findLab(id))?.title ?? id);
  return (
    <main className="course-index">
      <h1>Kubernetes networking, hands on</h1>
      <p className="course-index__lead">
        Read a short lesson, then try it on a live, simulated three-node cluster beside it. Every module ends with a lab
        whose checks turn green as you work.
      </p>
      <CourseProgressSummary />
      <ol className="module-list">
        {modules.map((courseModule) => (
          <li key={courseModule.slug} className="module-card">
            <h2>
              <span className="module-card__order">Module {courseModule.order}</span> {courseModule.title}
            </h2>
            <p>{courseModule.summary}</p>
            <ModuleProgress moduleSlug={courseModule.slug} />
            <ol className="lesson-list">
              {courseModule.lessons.map((lesson) => (
                <li key={lesson.slug}>
                  <Link href={lesson.href}>{lesson.title}</Link>
                </li>
              ))}
            </ol>
            {courseModule.labs.length > 0 && (
              <p className="module-card__labs">
                Lab{courseModule.labs.length > 1 ? 's' : ''}:{' '}
                {courseModule.labs.map((id, index) => (
                  <span key={id}>
                    {index > 0 && ', '}
                    <Link href={`/labs/${id}`}>{labTitles.get(id)}</Link>
                  </span>
                ))}
              </p>
            )}
          </li>
        ))}
      </ol>
    </main>
  );
}
