'use server';
// /admin's server actions. Each is a public endpoint (Next exposes every action by id), so each
// reads the session itself and hands the caller to admin-users.ts, which refuses anyone but an
// admin on every call; Next checks the action's Origin against the Host. The forms only show what
// came back.

import { headers } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { getSessionUser } from '../_server/auth';
import { changeRole, createInstructor, removeLearner, resetPassword, type AdminResult } from '../_server/admin-users';
import type { AdminFormState } from './admin-form-state';

function text(formData: FormData, key: string): string {
  const value = formData.get(key);
  return typeof value === 'string' ? value : '';
}

function toState(result: AdminResult): AdminFormState {
  if (result.ok) {
    revalidatePath('/admin');
    return { ok: true, message: result.message, errors: {} };
  }
  return { ok: false, message: result.message, errors: result.errors };
}

async function actor() {
  return getSessionUser(await headers());
}

export async function createInstructorAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const input = { name: text(formData, 'name'), email: text(formData, 'email'), password: text(formData, 'password') };
  return toState(await createInstructor(await actor(), input));
}

export async function resetPasswordAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  return toState(await resetPassword(await actor(), { userId: text(formData, 'userId'), password: text(formData, 'password') }));
}

export async function changeRoleAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  return toState(await changeRole(await actor(), { userId: text(formData, 'userId'), role: text(formData, 'role') }));
}

export async function removeLearnerAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  return toState(await removeLearner(await actor(), { userId: text(formData, 'userId') }));
}
