'use client';
// The header's account menu: for someone signed in, their email, "Your progress", "Account", the
// "Instructor" pages (instructors and admins) and "Admin" (admins only), and "Sign out"; otherwise
// "Sign in" / "Sign up" links that come back to the current page. The links only save a click:
// each of those pages checks the role again on the server.
//
// A client component that asks /api/auth/get-session, rather than a server component reading
// cookies: the layout renders it on every page, and reading the request there would make every
// lesson page dynamic instead of static HTML. It asks again on each navigation, so signing in
// through a server action (which redirects) shows up in the header.

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';

type Role = 'learner' | 'instructor' | 'admin';

interface Viewer {
  email: string;
  name: string;
  role: Role;
}

/** The session's role as the menu uses it; anything unknown shows a learner's links. */
function roleOf(value: unknown): Role {
  return value === 'instructor' || value === 'admin' ? value : 'learner';
}

/** undefined while the first answer is on its way; null when signed out. */
type ViewerState = Viewer | null | undefined;

function isAuthPage(path: string): boolean {
  return path === '/signin' || path === '/signup';
}

export function AccountMenu() {
  const pathname = usePathname() ?? '/';
  const [viewer, setViewer] = useState<ViewerState>(undefined);
  const [signingOut, setSigningOut] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    fetch('/api/auth/get-session', { cache: 'no-store', credentials: 'same-origin', signal: controller.signal })
      .then((response) => (response.ok ? response.json() : null))
      .then((body: { user?: { email: string; name: string; role?: unknown } } | null) => {
        setViewer(body?.user ? { email: body.user.email, name: body.user.name, role: roleOf(body.user.role) } : null);
      })
      .catch(() => {
        if (!controller.signal.aborted) setViewer(null);
      });
    return () => controller.abort();
  }, [pathname]);

  async function signOut() {
    setSigningOut(true);
    try {
      await fetch('/api/auth/sign-out', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
    } finally {
      // A full load, so no page keeps showing what only a signed-in learner should see.
      window.location.assign('/');
    }
  }

  if (viewer === undefined) return <nav className="account-menu" aria-label="Account" aria-busy="true" />;

  if (viewer) {
    return (
      <nav className="account-menu" aria-label="Account">
        <Link href="/progress">Your progress</Link>
        <Link href="/account" data-testid="account-link">
          Account
        </Link>
        {(viewer.role === 'instructor' || viewer.role === 'admin') && (
          <Link href="/instructor" data-testid="instructor-link">
            Instructor
          </Link>
        )}
        {viewer.role === 'admin' && (
          <Link href="/admin" data-testid="admin-link">
            Admin
          </Link>
        )}
        <span className="account-menu__user" title={viewer.name} data-testid="account-email">
          {viewer.email}
        </span>
        <button
          type="button"
          className="button button--small button--secondary"
          onClick={signOut}
          disabled={signingOut}
        >
          Sign out
        </button>
      </nav>
    );
  }

  const next = isAuthPage(pathname) || pathname === '/' ? '' : `?next=${encodeURIComponent(pathname)}`;
  return (
    <nav className="account-menu" aria-label="Account">
      <Link href={`/signin${next}`}>Sign in</Link>
      <Link href={`/signup${next}`} className="button button--small">
        Sign up
      </Link>
    </nav>
  );
}
