'use client';
// The sign-in / sign-up form. Plain inputs with stable names and ids (email, password, name)
// that Playwright and password managers rely on; errors appear inline next to the field they
// concern, and a field's rule (the sign-up password's length) is shown under it before the
// learner submits. The browser's own validation is off (noValidate) so every learner sees the
// same wording, which comes from the server action.

import Link from 'next/link';
import { useActionState } from 'react';
import type { AuthField, AuthFormState } from './auth-forms';
import styles from './auth.module.css';

type Action = (previous: AuthFormState, formData: FormData) => Promise<AuthFormState>;

interface CredentialsFormProps {
  mode: 'signin' | 'signup';
  action: Action;
  next: string;
  /** The password rule, shown before submit (sign-up only); from auth-forms.ts, which the server reads. */
  passwordRule?: string;
}

const EMPTY: AuthFormState = { errors: {}, message: null, values: { email: '', name: '' } };

function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className={styles.fieldError} role="alert">
      {messages.join(' ')}
    </p>
  );
}

function Field(props: {
  name: AuthField;
  label: string;
  type: string;
  autoComplete: string;
  defaultValue?: string;
  state: AuthFormState;
  hint?: string;
}) {
  const errors = props.state.errors[props.name];
  const errorId = `${props.name}-error`;
  const hintId = `${props.name}-hint`;
  const describedBy = [props.hint ? hintId : '', errors ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div className={styles.field}>
      <label htmlFor={props.name}>{props.label}</label>
      <input
        id={props.name}
        name={props.name}
        type={props.type}
        autoComplete={props.autoComplete}
        defaultValue={props.defaultValue}
        required
        aria-invalid={errors ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {props.hint && (
        <p id={hintId} className={styles.fieldHint} data-testid={hintId}>
          {props.hint}
        </p>
      )}
      <FieldError id={errorId} messages={errors} />
    </div>
  );
}

export function CredentialsForm({ mode, action, next, passwordRule }: CredentialsFormProps) {
  const [state, formAction, pending] = useActionState(action, EMPTY);
  const signUp = mode === 'signup';
  const nextQuery = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
  return (
    <form action={formAction} noValidate className={styles.form} aria-busy={pending}>
      {/* The key remounts the fields after each answer, so the echoed values show up. */}
      <div key={JSON.stringify(state.values)}>
        {signUp && (
          <Field name="name" label="Name" type="text" autoComplete="name" defaultValue={state.values.name} state={state} />
        )}
        <Field name="email" label="Email" type="email" autoComplete="email" defaultValue={state.values.email} state={state} />
        <Field
          name="password"
          label="Password"
          type="password"
          autoComplete={signUp ? 'new-password' : 'current-password'}
          state={state}
          hint={signUp ? passwordRule : undefined}
        />
      </div>
      <input type="hidden" name="next" value={next} />
      {state.message && (
        <p className={styles.formError} role="alert">
          {state.message}
        </p>
      )}
      <button type="submit" disabled={pending} className={`button ${styles.submit}`}>
        {signUp ? 'Sign up' : 'Sign in'}
      </button>
      <p className={styles.switch}>
        {signUp ? (
          <>
            Already have an account? <Link href={`/signin${nextQuery}`}>Sign in</Link>
          </>
        ) : (
          <>
            New to Flatnet? <Link href={`/signup${nextQuery}`}>Create an account</Link>
          </>
        )}
      </p>
    </form>
  );
}
