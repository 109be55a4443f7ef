'use server';
// Server actions of /instructor: create a cohort (the caller owns it), then go to its settings.

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { refused, type FormState } from '@/app/_components/forms/form-state';
import { getSessionUser } from '@/app/_server/auth';
import { isStaff } from '@/app/_server/authz';
import { COHORT_NAME_MAX_LENGTH, CohortError, createCohort } from '@/app/_server/cohorts';
import { parseUtcDateTime } from '@/app/_server/utc-datetime';

const CreateForm = z.object({
  name: z.string().trim().min(1, 'Give the cohort a name.').max(COHORT_NAME_MAX_LENGTH, `A cohort name has at most ${COHORT_NAME_MAX_LENGTH} characters.`),
  expiresAt: z.string().max(20),
});

export async function createCohortAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const user = await getSessionUser(await headers());
  if (!isStaff(user)) return refused('Only instructors can create cohorts.');
  const parsed = CreateForm.safeParse({ name: formData.get('name') ?? '', expiresAt: formData.get('expiresAt') ?? '' });
  if (!parsed.success) return refused(parsed.error.issues[0].message);
  const expiresAt = parseUtcDateTime(parsed.data.expiresAt);
  if (expiresAt === undefined) return refused('The expiry is not a date and time.');
  let id: string;
  try {
    ({ id } = await createCohort(user, { name: parsed.data.name, joinCodeExpiresAt: expiresAt }));
  } catch (error) {
    if (error instanceof CohortError) return refused(error.message);
    throw error;
  }
  redirect(`/instructor/cohorts/${id}/settings`);
}
