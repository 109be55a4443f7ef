'use client';
// What a learner sees if the lesson page fails while rendering in the browser (the lab panel,
// a quiz): the error, a retry, and a way back, instead of a blank page.

import Link from 'next/link';

export default function LessonError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="error-page" role="alert">
      <h1>This lesson could not be shown</h1>
      <p>Something went wrong while showing this page. Your lab and your progress are kept on the server.</p>
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
