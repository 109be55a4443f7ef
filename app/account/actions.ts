'use server';
// Server actions of the learner's account page: join a cohort with its code, and delete the
// account. Next checks a server action's Origin against the Host, so a cross-site form cannot call
// these; each one still finds the signed-in user itself and validates its input with zod.

import { isAPIError } from 'better-auth/api';
import { headers } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { done, refused, type FormState } from '@/app/_components/forms/form-state';
import { deleteAccount } from '@/app/_server/account-data';
import { auth, getSessionUser, MAX_PASSWORD_LENGTH } from '@/app/_server/auth';
import { TOO_MANY_MESSAGE } from '@/app/_server/auth-guard';
import { joinCohort } from '@/app/_server/cohort-membership';

const SIGNED_OUT = 'Your session has ended. Sign in again.';

const JoinForm = z.object({ code: z.string().trim().min(1, 'Type the code your instructor gave you.').max(40, 'That is too long to be a join code.') });

export async function joinCohortAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const user = await getSessionUser(await headers());
  if (!user) return refused(SIGNED_OUT);
  const parsed = JoinForm.safeParse({ code: formData.get('code') ?? '' });
  if (!parsed.success) return refused(parsed.error.issues[0].message);
  const result = await joinCohort(user.id, parsed.data.code);
  if (!result.ok) return refused(result.message);
  revalidatePath('/account');
  return done(result.alreadyMember ? `You are already in ${result.cohortName}.` : `You joined ${result.cohortName}.`);
}

const DeleteForm = z.object({ password: z.string().min(1, 'Type your password to confirm.').max(MAX_PASSWORD_LENGTH, 'That is not your password.') });

/** Deletes the signed-in account once its password is confirmed, then signs out and goes home. */
export async function deleteAccountAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const requestHeaders = await headers();
  const user = await getSessionUser(requestHeaders);
  if (!user) return refused(SIGNED_OUT);
  const parsed = DeleteForm.safeParse({ password: formData.get('password') ?? '' });
  if (!parsed.success) return refused(parsed.error.issues[0].message);
  try {
    // better-auth checks the password against the session's own account, through the same
    // rate-limited, KDF-gated path as sign-in (auth-guard.ts).
    await auth.api.verifyPassword({ body: { password: parsed.data.password }, headers: requestHeaders });
  } catch (error) {
    if (!isAPIError(error)) throw error;
    const code = (error.body as { code?: string } | undefined)?.code;
    return refused(code === 'TOO_MANY_ATTEMPTS' ? TOO_MANY_MESSAGE : 'That password is not right, so nothing was deleted.');
  }
  await deleteAccount(user.id);
  try {
    // The session row went with the user; this clears the cookie in the browser.
    await auth.api.signOut({ headers: requestHeaders });
  } catch (error) {
    if (!isAPIError(error)) throw error;
  }
  redirect('/');
}
