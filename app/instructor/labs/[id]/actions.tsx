'use server';
// The lab editor's live preview: the step text an author is typing, checked against the safe MDX
// subset, compiled and rendered on the server (as a lesson is), and sent back as rendered UI. The
// browser never evaluates the compiled code (the content security policy forbids eval, and should).

import { headers } from 'next/headers';
import { z } from 'zod';
import type { StepPreviewResult } from '@/app/_components/authoring/step-preview';
import { lessonComponents } from '@/app/_components/lesson/lesson-components';
import { LessonContent } from '@/app/_lessons/lesson-content';
import { MAX_AUTHORED_MDX_CHARS } from '@/app/_lessons/safe-mdx';
import { getSessionUser } from '@/app/_server/auth';
import { compileAuthoredMdx } from '@/app/_server/authored-labs/mdx';
import { canEditAuthoredLab } from '@/app/_server/authz';

const PreviewRequest = z.object({ labId: z.string().min(1).max(64), source: z.string().max(MAX_AUTHORED_MDX_CHARS) });

export async function previewStepAction(labId: string, source: string): Promise<StepPreviewResult> {
  const parsed = PreviewRequest.safeParse({ labId, source });
  if (!parsed.success) return { ok: false, message: `A step text has at most ${MAX_AUTHORED_MDX_CHARS} characters.`, issues: [] };
  const user = await getSessionUser(await headers());
  if (!(await canEditAuthoredLab(user, parsed.data.labId))) return { ok: false, message: 'This lab is not yours to preview.', issues: [] };
  const compiled = await compileAuthoredMdx(parsed.data.source);
  if (!compiled.ok) return { ok: false, message: 'This step text cannot be shown yet:', issues: compiled.issues };
  return { ok: true, node: <LessonContent code={compiled.code} components={lessonComponents({ hasLab: false })} /> };
}
