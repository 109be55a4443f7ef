// A lesson: the compiled MDX on the left, the module's lab on the right. Prerendered at build
// time for every lesson in the catalogue (generateStaticParams + force-static), so a visit is
// served static HTML with the diagrams already in it; unknown paths are 404s, never compiled.

import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LabPanel } from '@/app/_components/lab-panel';
import { lessonComponents } from '@/app/_components/lesson/lesson-components';
import { getLesson, getModule, lessonParams } from '@/app/_lessons/catalogue';
import { LessonContent } from '@/app/_lessons/lesson-content';

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
  const { module: courseModule, compiled, previous, next } = found;
  const labId = courseModule.labs[0];

  return (
    <div className={labId ? 'lesson-layout lesson-layout--with-lab' : 'lesson-layout'}>
      <article className="lesson">
        <p className="lesson__breadcrumb">
          <Link href="/">Course</Link> / Module {courseModule.order}: {courseModule.title}
        </p>
        <LessonContent code={compiled.code} components={lessonComponents({ hasLab: Boolean(labId) })} />
        <nav className="lesson__pager" aria-label="Lessons in this module">
          {previous ? <Link href={previous.href}>← {previous.title}</Link> : <span />}
          {next ? <Link href={next.href}>{next.title} →</Link> : <Link href="/">Back to the course →</Link>}
        </nav>
      </article>
      {labId && (
        <aside className="lesson-lab" aria-label="Lab">
          <LabPanel labId={labId} />
        </aside>
      )}
    </div>
  );
}
