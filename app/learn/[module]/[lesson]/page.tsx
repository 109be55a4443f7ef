// A lesson: the compiled MDX on the left, the learner's sandbox for the module on the right (the
// module's `sandbox:` lab, else its first lab: its cluster set up afresh and never graded: Run blocks type there, never into the lab's
// own attempt). Prerendered at build time for every lesson in the catalogue (generateStaticParams +
// force-static), so a visit is served static HTML with the diagrams already in it; unknown paths
// are 404s, never compiled. The learner's progress (module bars, quiz answers, read) fills in after load.

import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LabPanel } from '@/app/_components/lab-panel';
import { lessonComponents } from '@/app/_components/lesson/lesson-components';
import { LessonProgressScope } from '@/app/_components/progress/lesson-scope';
import { ModuleProgress } from '@/app/_components/progress/progress-bars';
import { getLesson, getModule, lessonParams } from '@/app/_lessons/catalogue';
import { LessonContent } from '@/app/_lessons/lesson-content';
import { sandboxLabOf } from '@/app/_lessons/module-manifest';
import { neighbours } from '@/app/_server/course-path';
import { findLab } from '@/app/_server/lab-catalogue';
import { lessonKey } from '@/app/_server/lesson-progress';
import { CoursePager } from '@/app/learn/course-pager';

export const dynamic = 'force-static';
export const dynamicParams = false;

type Params = { module: string; lesson: string };

export function generateStaticParams(): Promise<Params[]> {
  return lessonParams();
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { module: moduleSlug, lesson: lessonSlug } = await params;
  const lesson = (await getModule(moduleSlug))?.lessons.find((l) => l.slug === lessonSlug);
  return lesson ? { title: lesson.title } : {};
}

export default async function LessonPage({ params }: { params: Promise<Params> }) {
  const { module: moduleSlug, lesson: lessonSlug } = await params;
  const found = await getLesson(moduleSlug, lessonSlug);
  if (!found) notFound();
  const { module: courseModule, compiled } = found;
  const labId = sandboxLabOf(courseModule);
  // The sandbox's note links the module's first lab: a sandbox lab (lab.yaml `sandbox: true`) has no page of its own.
  const labHrefId = courseModule.labs[0] ?? labId;
  const key = lessonKey(courseModule.slug, lessonSlug);
  const { previous, next } = await neighbours('lesson', key);

  return (
    <div className={labId ? 'lesson-layout lesson-layout--with-lab' : 'lesson-layout'}>
      <article className="lesson">
        <p className="lesson__breadcrumb">
          <Link href="/">Course</Link> / <Link href={`/learn/${courseModule.slug}`}>Module {courseModule.order}: {courseModule.title}</Link>
        </p>
        <ModuleProgress moduleSlug={courseModule.slug} />
        <LessonProgressScope lessonKey={key}>
          <LessonContent code={compiled.code} components={lessonComponents({ hasLab: Boolean(labId) })} />
        </LessonProgressScope>
        <CoursePager previous={previous} next={next} />
      </article>
      {labId && (
        <aside className="lesson-lab" aria-label="Sandbox">
          <LabPanel
            labId={labId}
            mode="sandbox"
            labHref={`/labs/${labHrefId}`}
            labTitle={labHrefId ? (await findLab(labHrefId))?.title : undefined}
            ownCluster={labHrefId !== labId}
          />
        </aside>
      )}
    </div>
  );
}
