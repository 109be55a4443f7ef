// A request that changes a learner's data must come from Flatnet's own pages: a browser sends
// Origin on every cross-site POST, so one naming another host is refused. Requests without
// Origin (same-origin navigations of older browsers, tests with a plain HTTP client) pass; the
// session cookie is SameSite=Lax, so a cross-site form cannot carry it anyway.

export function isCrossSite(headers: Headers): boolean {
  const origin = headers.get('origin');
  if (origin === null) return false;
  try {
    return new URL(origin).host !== headers.get('host');
  } catch {
    return true;
  }
}
