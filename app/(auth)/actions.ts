'use server';
// Server actions behind the sign-in, sign-up and sign-out forms. Chosen over better-auth's
// browser client because the forms then work without JavaScript, Next checks the action's
// Origin against the Host (CSRF), the zod schemas and the learner-facing messages live on the
// server in one place, and no auth client ships to the browser. better-auth's nextCookies
// plugin writes the session cookie onto the action's response.

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { isAPIError } from 'better-auth/api';
import { auth } from '../_server/auth';
import {
  SignInSchema,
  SignUpSchema,
  explainAuthError,
  fieldErrors,
  safeNextPath,
  tooManyAttempts,
  type AuthFormState,
} from './auth-forms';

function formValues(formData: FormData): AuthFormState['values'] {
  const text = (key: string) => {
    const value = formData.get(key);
    return typeof value === 'string' ? value.slice(0, 254) : '';
  };
  return { email: text('email'), name: text('name') };
}

/** Turns a better-auth refusal into form state; anything else is a bug and propagates. */
function refusal(error: unknown, values: AuthFormState['values']): AuthFormState {
  if (!isAPIError(error)) throw error;
  const body = error.body as { code?: string; retryAfter?: unknown } | undefined;
  // Rate limits live in better-auth's before-hook (app/_server/auth-guard.ts), shared with the API.
  if (body?.code === 'TOO_MANY_ATTEMPTS') return { errors: {}, message: tooManyAttempts(body.retryAfter), values };
  const { field, text } = explainAuthError(body?.code);
  return field ? { errors: { [field]: [text] }, message: null, values } : { errors: {}, message: text, values };
}

export async function signInAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = formValues(formData);
  const parsed = SignInSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { errors: fieldErrors(parsed.error), message: null, values };
  try {
    await auth.api.signInEmail({
      body: { email: parsed.data.email, password: parsed.data.password },
      headers: await headers(),
    });
  } catch (error) {
    return refusal(error, values);
  }
  // Outside the try: redirect() works by throwing.
  redirect(safeNextPath(parsed.data.next));
}

export async function signUpAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = formValues(formData);
  const parsed = SignUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { errors: fieldErrors(parsed.error), message: null, values };
  try {
    await auth.api.signUpEmail({
      body: { email: parsed.data.email, password: parsed.data.password, name: parsed.data.name },
      headers: await headers(),
    });
  } catch (error) {
    return refusal(error, values);
  }
  redirect(safeNextPath(parsed.data.next));
}

/** Ends the session (if any) and returns to the home page. */
export async function signOutAction(): Promise<void> {
  try {
    await auth.api.signOut({ headers: await headers() });
  } catch (error) {
    // Signing out without a session is already the desired state.
    if (!isAPIError(error)) throw error;
  }
  redirect('/');
}
