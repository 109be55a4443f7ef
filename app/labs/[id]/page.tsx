// A lab on its own page: the step texts (MDX, compiled at build time like lessons) beside the
// terminal and the lab as a path (steps, their checks, hints whose Markdown is parsed here at build
// time, and where the course goes next). Prerendered for every lab; the lab panel is the only
// client part.

import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LabPanel } from '@/app/_components/lab-panel';
import { lessonComponents } from '@/app/_components/lesson/lesson-components';
import { LessonContent } from '@/app/_lessons/lesson-content';
import { getModule } from '@/app/_lessons/catalogue';
import { compileLessonFile } from '@/app/_lessons/compile-lesson';
import { neighbours } from '@/app/_server/course-path';
import { findLab, listGradedLabIds } from '@/app/_server/lab-catalogue';
import { CoursePager } from '@/app/learn/course-pager';
import { parseHintMarkdown } from '@/app/labs/hint-markdown';

export const dynamic = 'force-static';
export const dynamicParams = false;

type Params = { id: string };

export async function generateStaticParams(): Promise<Params[]> {
  return (await listGradedLabIds()).map((id) => ({ id }));
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const lab = await findLab((await params).id);
  return lab ? { title: `Lab: ${lab.title}` } : {};
}

export default async function LabPage({ params }: { params: Promise<Params> }) {
  const lab = await findLab((await params).id);
  // A lesson sandbox is only ever the terminal beside a module's lessons, never a lab to solve.
  if (!lab || lab.sandbox) notFound();
  const steps = await Promise.all(lab.steps.map(async (step) => ({ step, compiled: await compileLessonFile(step.textPath) })));
  const components = lessonComponents({ hasLab: true });
  const { previous, next } = await neighbours('lab', lab.id);
  const courseModule = await getModule(lab.module);
  const stepViews = lab.steps.map((step) => ({
    id: step.id,
    title: step.title,
    checkIds: step.checks.map((check) => check.id),
    hints: step.hints.map(parseHintMarkdown),
  }));

  return (
    <div className="lesson-layout lesson-layout--with-lab">
      <article className="lesson">
        <p className="lesson__breadcrumb">
          <Link href="/">Course</Link> /{' '}
          {courseModule ? (
            <>
              <Link href={`/learn/${courseModule.slug}`}>
                Module {courseModule.order}: {courseModule.title}
              </Link>{' '}
              / Lab
            </>
          ) : (
            'Lab'
          )}
        </p>
        <h1>{lab.title}</h1>
        {steps.map(({ step, compiled }, index) => (
          <section key={step.id} className="lab-step" aria-labelledby={`step-${step.id}`}>
            <h2 id={`step-${step.id}`}>
              Step {index + 1}: {step.title}
            </h2>
            <LessonContent code={compiled.code} components={components} />
            {step.hints.length > 0 && <p className="lab-step__hints-note">Stuck? The hints for this step open one at a time beside the terminal.</p>}
          </section>
        ))}
        <CoursePager previous={previous} next={next} />
      </article>
      <aside className="lesson-lab" aria-label="Lab">
        <LabPanel labId={lab.id} mode="lab" steps={stepViews} next={next} />
      </aside>
    </div>
  );
}
