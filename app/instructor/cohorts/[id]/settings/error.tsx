'use client';
// What an instructor sees if a cohort's settings fail to load: the error, a retry, and a way back.

import Link from 'next/link';

export default function CohortSettingsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="error-page" role="alert">
      <h1>The cohort's settings could not be shown</h1>
      <p>Something went wrong while reading this cohort. Nothing was changed.</p>
      {error.digest && <p className="error-page__digest">Reference: {error.digest}</p>}
      <p>
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>{' '}
        <Link href="/instructor">Back to your cohorts</Link>
      </p>
    </main>
  );
}
