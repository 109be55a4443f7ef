'use client';
// The fallback for any page without its own error boundary: say what happened, offer a retry.

import Link from 'next/link';

export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="error-page" role="alert">
      <h1>Something went wrong</h1>
      <p>The page failed to load. Trying again often helps; nothing you have done in a lab is lost.</p>
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
