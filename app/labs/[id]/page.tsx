// A lab on its own page: the step texts (MDX, compiled at build time like lessons) beside the
// terminal and its live checks. Prerendered for every lab; the lab panel is the only client part.

import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LabPanel } from '@/app/_components/lab-panel';
import { lessonComponents } from '@/app/_components/lesson/lesson-components';
import { LessonContent } from '@/app/_lessons/lesson-content';
import { compileLessonFile } from '@/app/_lessons/compile-lesson';
import { findLab, listLabIds } from '@/app/_server/lab-catalogue';

export const dynamic = 'force-static';
export const dynamicParams = false;

type Params = { id: string };

export async function generateStaticParams(): Promise<Params[]> {
  return (await listLabIds()).map((id) => ({ id }));
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const lab = await findLab((await params).id);
  return lab ? { title: `Lab: ${lab.title}` } : {};
}

export default async function LabPage({ params }: { params: Promise<Params> }) {
  const lab = await findLab((await params).id);
  if (!lab) notFound();
  const steps = await Promise.all(lab.steps.map(async (step) => ({ step, compiled: await compileLessonFile(step.textPath) })));
  const components = lessonComponents({ hasLab: true });

  return (
    <div className="lesson-layout lesson-layout--with-lab">
      <article className="lesson">
        <p className="lesson__breadcrumb">
          <Link href="/">Course</Link> / Lab
        </p>
        <h1>{lab.title}</h1>
        {steps.map(({ step, compiled }, index) => (
          <section key={step.id} className="lab-step" aria-labelledby={`step-${step.id}`}>
            <h2 id={`step-${step.id}`}>
              Step {index + 1}: {step.title}
            </h2>
            <LessonContent code={compiled.code} components={components} />
            {step.hints.length > 0 && (
              <details className="lab-step__hints">
                <summary>Hints</summary>
                <ul>
                  {step.hints.map((hint) => (
                    <li key={hint}>{hint}</li>
                  ))}
                </ul>
              </details>
            )}
          </section>
        ))}
      </article>
      <aside className="lesson-lab" aria-label="Lab">
        <LabPanel labId={lab.id} />
      </aside>
    </div>
  );
}
