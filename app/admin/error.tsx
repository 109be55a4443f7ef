'use client';
// /admin's error boundary: a failed action or listing says so without a stack trace.

import Link from 'next/link';

export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="error-page" role="alert">
      <h1>The admin page failed</h1>
      <p>Reload the page to see what took effect, then try again; if it keeps failing, the server log has the details.</p>
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
