// /learn/<module>: a module's overview, its lessons in order. Static, like the lessons.

import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getModule, listModules } from '@/app/_lessons/catalogue';

export const dynamic = 'force-static';
export const dynamicParams = false;

export async function generateStaticParams() {
  return (await listModules()).map((m) => ({ module: m.slug }));
}

export default async function ModulePage({ params }: { params: Promise<{ module: string }> }) {
  const courseModule = await getModule((await params).module);
  if (!courseModule) notFound();
  return (
    <main className="course-index">
      <p className="lesson__breadcrumb">
        <Link href="/">Course</Link> / Module {courseModule.order}
      </p>
      <h1>{courseModule.title}</h1>
      <p className="course-index__lead">{courseModule.summary}</p>
      <ol className="lesson-list">
        {courseModule.lessons.map((lesson) => (
          <li key={lesson.slug}>
            <Link href={lesson.href}>{lesson.title}</Link>
          </li>
        ))}
      </ol>
    </main>
  );
}
