// A request that changes a learner's data must come from Flatnet's own pages: a browser sends
// Origin on every cross-site POST, so one naming another host is refused. Requests without
// Origin (same-origin navigations of older browsers, tests with a plain HTTP client) pass; the
// session cookie is SameSite=Lax, so a cross-site form cannot carry it anyway. The rule is the
// server's outer guard's (request-guard.ts), applied again inside each route handler.

import { isForeignOrigin } from './request-guard';

export function isCrossSite(headers: Headers): boolean {
  return isForeignOrigin(headers.get('origin') ?? undefined, headers.get('host') ?? undefined);
}
