'use client';
// What a learner sees if their progress page fails: the error, a retry, and a way back.

import Link from 'next/link';

export default function ProgressError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="error-page" role="alert">
      <h1>Your progress could not be shown</h1>
      <p>Something went wrong while reading your progress. Nothing you did is lost.</p>
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
