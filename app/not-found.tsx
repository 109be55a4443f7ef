// The 404 page: unknown lessons and modules land here (lesson routes have dynamicParams = false).

import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="error-page">
      <h1>Page not found</h1>
      <p>There is no lesson or page at this address. It may have been renamed.</p>
      <p>
        <Link href="/">See all modules</Link>
      </p>
    </main>
  );
}
