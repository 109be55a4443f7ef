'use client';
// Shown when the sign-in or sign-up page itself fails (for example the database is down);
// wrong passwords and taken emails are form errors, not this.

import styles from './auth.module.css';

export default function AuthError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className={styles.page} role="alert">
      <h1>Accounts are unavailable right now</h1>
      <p>Flatnet could not reach its database. Your data is safe; please try again in a moment.</p>
      <button type="button" className="button" onClick={reset}>
        Try again
      </button>
    </section>
  );
}
