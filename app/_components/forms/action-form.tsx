'use client';
// A form posting to a server action, showing the action's answer under its fields: a status line
// when it worked, an alert when it was refused. Works without JavaScript (the action runs, the page
// renders again); with it, the page stays put and only the answer changes.

import { useActionState, type ReactNode } from 'react';
import { IDLE_FORM, type FormState } from './form-state';
import './forms.css';

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

interface ActionFormProps {
  action: Action;
  submitLabel: string;
  children?: ReactNode;
  className?: string;
  testId?: string;
  /** Secondary look, for actions beside the main one (regenerate, remove). */
  secondary?: boolean;
  'aria-label'?: string;
}

export function ActionForm({ action, submitLabel, children, className, testId, secondary, ...rest }: ActionFormProps) {
  const [state, formAction, pending] = useActionState(action, IDLE_FORM);
  return (
    <form action={formAction} className={className ?? 'action-form'} data-testid={testId} aria-busy={pending} aria-label={rest['aria-label']}>
      {children}
      <button type="submit" className={`button${secondary ? ' button--secondary' : ''}`} disabled={pending}>
        {submitLabel}
      </button>
      {state.message && (
        <p
          className={`action-form__message action-form__message--${state.status}`}
          role={state.status === 'error' ? 'alert' : 'status'}
          data-testid={testId ? `${testId}-message` : undefined}
          data-status={state.status}
        >
          {state.message}
        </p>
      )}
    </form>
  );
}
