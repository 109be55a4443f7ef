'use server';
// Server actions of a cohort's settings page. Each is bound to the cohort's id by the page and asks
// canManageCohort itself on every call (a bound id is only what the browser sent back); a cohort
// the caller may not manage answers like one that does not exist.

import { headers } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { done, refused, type FormState } from '@/app/_components/forms/form-state';
import { getSessionUser } from '@/app/_server/auth';
import { canManageCohort } from '@/app/_server/authz';
import {
  COHORT_NAME_MAX_LENGTH,
  CohortError,
  cohortSettings,
  deleteCohort,
  MAX_COHORT_SELECTION,
  regenerateJoinCode,
  removeMember,
  renameCohort,
  setCohortCourse,
  setJoinCodeExpiry,
} from '@/app/_server/cohorts';
import { formatJoinCode } from '@/app/_server/join-code';
import { parseUtcDateTime } from '@/app/_server/utc-datetime';

const NOT_FOUND = 'This cohort does not exist.';
const Id = z.string().min(1).max(64);

/** Runs `change` if the caller manages the cohort, turning a CohortError into the form's answer. */
async function managing(cohortId: string, change: () => Promise<FormState>): Promise<FormState> {
  const user = await getSessionUser(await headers());
  if (!Id.safeParse(cohortId).success || !(await canManageCohort(user, cohortId))) return refused(NOT_FOUND);
  try {
    const answer = await change();
    revalidatePath(`/instructor/cohorts/${cohortId}/settings`);
    revalidatePath('/instructor');
    return answer;
  } catch (error) {
    if (error instanceof CohortError) return refused(error.message);
    throw error;
  }
}

const RenameForm = z.object({ name: z.string().trim().min(1, 'Give the cohort a name.').max(COHORT_NAME_MAX_LENGTH, `A cohort name has at most ${COHORT_NAME_MAX_LENGTH} characters.`) });

export async function renameAction(cohortId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  return managing(cohortId, async () => {
    const parsed = RenameForm.safeParse({ name: formData.get('name') ?? '' });
    if (!parsed.success) return refused(parsed.error.issues[0].message);
    await renameCohort(cohortId, parsed.data.name);
    return done('Renamed.');
  });
}

export async function regenerateCodeAction(cohortId: string): Promise<FormState> {
  return managing(cohortId, async () => done(`New code: ${formatJoinCode(await regenerateJoinCode(cohortId))}. The old one no longer works.`));
}

const ExpiryForm = z.object({ expiresAt: z.string().max(20) });

export async function setExpiryAction(cohortId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  return managing(cohortId, async () => {
    const parsed = ExpiryForm.safeParse({ expiresAt: formData.get('expiresAt') ?? '' });
    const expiresAt = parsed.success ? parseUtcDateTime(parsed.data.expiresAt) : undefined;
    if (expiresAt === undefined) return refused('The expiry is not a date and time.');
    await setJoinCodeExpiry(cohortId, expiresAt);
    return done(expiresAt ? 'Expiry saved.' : 'The code no longer expires.');
  });
}

const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'Unknown module or lab.');
const CourseForm = z.object({
  moduleIds: z.array(Slug).max(MAX_COHORT_SELECTION),
  labs: z.array(z.object({ labId: Slug, due: z.string().max(20) })).max(MAX_COHORT_SELECTION),
});

const text = (value: FormDataEntryValue | null) => (typeof value === 'string' ? value : '');

export async function saveCourseAction(cohortId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  return managing(cohortId, async () => {
    const parsed = CourseForm.safeParse({
      moduleIds: formData.getAll('module').map(text),
      labs: formData.getAll('lab').map(text).map((labId) => ({ labId, due: text(formData.get(`due-${labId}`)) })),
    });
    if (!parsed.success) return refused(parsed.error.issues[0].message);
    const labs = [];
    for (const lab of parsed.data.labs) {
      const dueAt = parseUtcDateTime(lab.due);
      if (dueAt === undefined) return refused(`The due date of ${lab.labId} is not a date and time.`);
      labs.push({ labId: lab.labId, dueAt });
    }
    await setCohortCourse(cohortId, { moduleIds: parsed.data.moduleIds, labs });
    return done(`Saved: ${count(parsed.data.moduleIds.length, 'module')}, ${count(labs.length, 'lab')}.`);
  });
}

const RemoveForm = z.object({ userId: Id });

export async function removeMemberAction(cohortId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  return managing(cohortId, async () => {
    const parsed = RemoveForm.safeParse({ userId: formData.get('userId') ?? '' });
    if (!parsed.success) return refused('No such member.');
    await removeMember(cohortId, parsed.data.userId);
    return done('Removed from the cohort.');
  });
}

const DeleteForm = z.object({ confirm: z.string().max(200) });

/** Deletes the cohort once its name is typed back; then to the instructor's list of cohorts. */
export async function deleteCohortAction(cohortId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const answer = await managing(cohortId, async () => {
    const parsed = DeleteForm.safeParse({ confirm: formData.get('confirm') ?? '' });
    const cohort = await cohortSettings(cohortId);
    if (!cohort) return refused(NOT_FOUND);
    if (!parsed.success || parsed.data.confirm.trim() !== cohort.name) return refused(`Type the cohort's name, ${cohort.name}, to delete it.`);
    await deleteCohort(cohortId);
    return done('Deleted.');
  });
  // redirect() ends the action by throwing, so it stays outside managing's error handling.
  if (answer.status === 'ok') redirect('/instructor');
  return answer;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
