// A lab written in the browser, on its own page: the version the learner's attempt pinned (else the
// current one), its step texts compiled on the server through the safe-MDX compiler with the
// learner's variables, beside the terminal. Rendered per request (who may see it depends on who
// asks: the owner, admins, the owner's cohorts or everyone); anyone else gets the 404.

import type { Metadata } from 'next';
import Link from 'next/link';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { LabPanel } from '@/app/_components/lab-panel';
import { lessonComponents } from '@/app/_components/lesson/lesson-components';
import { LessonContent } from '@/app/_lessons/lesson-content';
import { getSessionUser } from '@/app/_server/auth';
import { loadCustomLab } from '@/app/_server/authored-labs/custom-lab-view';
import { parseHintMarkdown } from '@/app/labs/hint-markdown';

export const dynamic = 'force-dynamic';

type Params = { id: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const lab = await loadCustomLab(await getSessionUser(await headers()), (await params).id);
  return lab ? { title: `Lab: ${lab.title}` } : {};
}

export default async function CustomLabPage({ params }: { params: Promise<Params> }) {
  const lab = await loadCustomLab(await getSessionUser(await headers()), (await params).id);
  if (!lab) notFound();
  const components = lessonComponents({ hasLab: true });
  const stepViews = lab.steps.map((step) => ({ id: step.id, title: step.title, checkIds: step.checkIds, hints: step.hints.map(parseHintMarkdown) }));

  return (
    <div className="lesson-layout lesson-layout--with-lab">
      <article className="lesson">
        <p className="lesson__breadcrumb">
          <Link href="/">Course</Link> / Lab
        </p>
        <h1>{lab.title}</h1>
        {lab.steps.map((step, index) => (
          <section key={step.id} className="lab-step" aria-labelledby={`step-${step.id}`}>
            <h2 id={`step-${step.id}`}>
              Step {index + 1}: {step.title}
            </h2>
            {step.code ? <LessonContent code={step.code} components={components} /> : <p>This step&apos;s text could not be shown.</p>}
            {step.hints.length > 0 && <p className="lab-step__hints-note">Stuck? The hints for this step open one at a time beside the terminal.</p>}
          </section>
        ))}
      </article>
      <aside className="lesson-lab" aria-label="Lab">
        <LabPanel labId={lab.id} mode="lab" steps={stepViews} next={null} />
      </aside>
    </div>
  );
}
