// The security headers every Flatnet response carries (pages, route handlers, static assets, the
// server's own refusals), set once in server.ts before Next sees the request, so no route can
// forget them.
//
// Scripts: 'self' plus 'unsafe-inline'. Next's app router bootstraps each page with inline
// <script> tags whose contents differ per page; a per-request nonce would need every page to be
// rendered per request, and Flatnet's lessons and lab pages are prerendered static HTML (their
// MDX is compiled at build time). Hashes cannot be listed ahead of time either. What keeps
// injected markup harmless instead: React escapes text, no page renders learner HTML, and this
// policy still forbids foreign scripts, eval, plugins, <base> hijacking, foreign form targets
// and framing. Styles: 'unsafe-inline' because xterm.js and the diagrams set inline styles.
// connect-src names the page's own host for ws:/wss: as well as 'self', for browsers whose
// 'self' does not yet cover WebSocket schemes.

/** A Host header worth echoing into the policy: a name or address and an optional port. */
const SAFE_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

export function contentSecurityPolicy(host: string | undefined, dev = false): string {
  const sockets = host && SAFE_HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    // Next's development overlay and React's debug builds evaluate code; production never does.
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${sockets}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(host: string | undefined, dev = false): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(host, dev),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
