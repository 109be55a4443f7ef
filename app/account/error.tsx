'use client';
// What someone sees if their account page fails: the error, a retry, and a way back.

import Link from 'next/link';

export default function AccountError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="error-page" role="alert">
      <h1>Your account page could not be shown</h1>
      <p>Something went wrong while reading your account. Nothing was changed.</p>
      {error.digest && <p className="error-page__digest">Reference: {error.digest}</p>}
      <p>
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>{' '}
        <Link href="/">Back to the course</Link>
      </p>
    </main>
  );
}
