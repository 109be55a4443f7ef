'use client';
// /admin's forms: create an instructor, and per user change the role, set a new password, remove
// a learner. Each form posts to its server action (they work without JavaScript too) and shows the
// answer beside itself; removal sits behind a <details> so it takes two deliberate clicks.

import { useActionState, useId } from 'react';
import type { Role } from '../_server/auth';
import { changeRoleAction, createInstructorAction, removeLearnerAction, resetPasswordAction } from './actions';
import { EMPTY_ADMIN_FORM, type AdminFormState } from './admin-form-state';

type Action = (previous: AdminFormState, formData: FormData) => Promise<AdminFormState>;

const ROLES: Role[] = ['learner', 'instructor', 'admin'];

function Outcome({ state, testId }: { state: AdminFormState; testId: string }) {
  if (!state.message) return null;
  return (
    <p className={state.ok ? 'admin-outcome admin-outcome--ok' : 'admin-outcome admin-outcome--error'} role={state.ok ? 'status' : 'alert'} data-testid={testId}>
      {state.message}
    </p>
  );
}

function FieldErrors({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="admin-outcome admin-outcome--error">
      {messages.join(' ')}
    </p>
  );
}

function useAdminAction(action: Action) {
  return useActionState(action, EMPTY_ADMIN_FORM);
}

export function CreateInstructorForm({ minPasswordLength }: { minPasswordLength: number }) {
  const [state, formAction, pending] = useAdminAction(createInstructorAction);
  const field = (name: 'name' | 'email' | 'password', label: string, type: string, autoComplete: string, hint?: string) => (
    <div className="admin-field">
      <label htmlFor={`new-instructor-${name}`}>{label}</label>
      <input
        id={`new-instructor-${name}`}
        name={name}
        type={type}
        autoComplete={autoComplete}
        required
        aria-invalid={state.errors[name] ? true : undefined}
        aria-describedby={[hint ? `new-instructor-${name}-hint` : '', state.errors[name] ? `new-instructor-${name}-error` : ''].filter(Boolean).join(' ') || undefined}
      />
      {hint && (
        <span id={`new-instructor-${name}-hint`} className="admin-hint">
          {hint}
        </span>
      )}
      <FieldErrors id={`new-instructor-${name}-error`} messages={state.errors[name]} />
    </div>
  );
  return (
    <form action={formAction} noValidate className="admin-form" aria-busy={pending} data-testid="create-instructor-form">
      {/* A successful answer remounts the fields empty, ready for the next instructor. */}
      <div key={state.ok ? state.message : 'editing'} className="admin-form__fields">
        {field('name', 'Name', 'text', 'off')}
        {field('email', 'Email', 'email', 'off')}
        {field('password', 'Initial password', 'password', 'new-password', `At least ${minPasswordLength} characters; give it to them privately.`)}
      </div>
      <button type="submit" className="button" disabled={pending}>
        Create instructor
      </button>
      <Outcome state={state} testId="create-instructor-outcome" />
    </form>
  );
}

interface UserActionsProps {
  userId: string;
  email: string;
  role: Role;
  isSelf: boolean;
}

function RoleForm({ userId, email, role }: UserActionsProps) {
  const [state, formAction, pending] = useAdminAction(changeRoleAction);
  const id = useId();
  return (
    <form action={formAction} className="admin-inline-form" aria-busy={pending}>
      <input type="hidden" name="userId" value={userId} />
      <label htmlFor={id} className="visually-hidden">
        Role of {email}
      </label>
      <select id={id} name="role" defaultValue={role} data-testid="role-select">
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--small button--secondary" disabled={pending}>
        Change role
      </button>
      <Outcome state={state} testId="role-outcome" />
    </form>
  );
}

function PasswordForm({ userId, email }: UserActionsProps) {
  const [state, formAction, pending] = useAdminAction(resetPasswordAction);
  const id = useId();
  return (
    <form action={formAction} noValidate className="admin-inline-form" aria-busy={pending}>
      <input type="hidden" name="userId" value={userId} />
      <label htmlFor={id} className="visually-hidden">
        New password for {email}
      </label>
      <input
        key={state.ok ? state.message : 'editing'}
        id={id}
        name="password"
        type="password"
        autoComplete="new-password"
        placeholder="New password"
        aria-invalid={state.errors.password ? true : undefined}
        data-testid="reset-password-input"
      />
      <button type="submit" className="button button--small button--secondary" disabled={pending}>
        Reset password
      </button>
      <Outcome state={{ ...state, message: state.errors.password?.join(' ') ?? state.message }} testId="reset-password-outcome" />
    </form>
  );
}

function RemoveForm({ userId, email }: UserActionsProps) {
  const [state, formAction, pending] = useAdminAction(removeLearnerAction);
  return (
    <details className="admin-remove">
      <summary>Remove…</summary>
      <form action={formAction} aria-busy={pending}>
        <input type="hidden" name="userId" value={userId} />
        <p>This deletes {email}, their progress, attempts and recordings for good.</p>
        <button type="submit" className="button button--small admin-remove__confirm" disabled={pending} data-testid="remove-learner">
          Remove {email} and all their data
        </button>
        <Outcome state={state} testId="remove-outcome" />
      </form>
    </details>
  );
}

/**
 * The controls in one user's row. None on the admin's own row: they cannot demote or remove
 * themselves, and a reset here would end their own sessions (their password changes on /account).
 */
export function UserActions(props: UserActionsProps) {
  if (props.isSelf) return <span className="admin-hint">This is you.</span>;
  return (
    <div className="admin-actions">
      <RoleForm {...props} />
      <PasswordForm {...props} />
      {props.role === 'learner' && <RemoveForm {...props} />}
    </div>
  );
}
