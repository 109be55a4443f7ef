// What /admin's server actions answer and its forms render: whether it worked, one sentence, and
// messages per field. Kept apart from actions.ts, which may export only async functions.

import type { AdminField } from '../_server/admin-users';

export interface AdminFormState {
  ok: boolean | null;
  message: string | null;
  errors: Partial<Record<AdminField, string[]>>;
}

export const EMPTY_ADMIN_FORM: AdminFormState = { ok: null, message: null, errors: {} };
