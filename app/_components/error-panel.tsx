'use client';
// The body of every error boundary (app/**/error.tsx): what failed in words, the digest Next gives
// for the server log (never the message or a stack), a retry, and a way back.

import Link from 'next/link';

export interface RouteErrorProps {
  error: Error & { digest?: string };
  reset: () => void;
}

export function ErrorPanel({ error, reset, title, detail, back = { href: '/', label: 'Back to the course' } }: RouteErrorProps & { title: string; detail: string; back?: { href: string; label: string } }) {
  return (
    <main className="error-page" role="alert">
      <h1>{title}</h1>
      <p>{detail}</p>
      {error.digest && <p className="error-page__digest">Reference: {error.digest}</p>}
      <p>
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>{' '}
        <Link href={back.href}>{back.label}</Link>
      </p>
    </main>
  );
}
