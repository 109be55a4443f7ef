// What a server action behind an ActionForm answers: nothing yet, done (with a line to show), or
// refused (with the reason, in words for the person who submitted it).

export interface FormState {
  status: 'idle' | 'ok' | 'error';
  message: string | null;
}

export const IDLE_FORM: FormState = { status: 'idle', message: null };

export const done = (message: string): FormState => ({ status: 'ok', message });
export const refused = (message: string): FormState => ({ status: 'error', message });
