// Refusals made before Next sees a request, each answered with a 4xx and one plain sentence
// instead of the 500 (and logged stack) Next would produce: a path that is not valid
// percent-encoding (Next's decodeURIComponent throws), a state-changing request from a foreign
// Origin (Next's server-action check throws; route handlers had no check at all), and a body over
// the 1 MiB Next allows a server action (Next throws after reading it). Route handlers keep their
// own checks too: this is the outer wall, not the only one.

export const MAX_BODY_BYTES = 1024 * 1024;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface GuardedRequest {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface Refusal {
  status: 400 | 403 | 411 | 413;
  message: string;
}

function header(request: GuardedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** True when Origin names a host other than this request's Host and the configured extras. */
export function isForeignOrigin(origin: string | undefined, host: string | undefined, extraOrigins: readonly string[] = []): boolean {
  if (origin === undefined) return false;
  if (extraOrigins.includes(origin)) return false;
  try {
    return new URL(origin).host !== host;
  } catch {
    // "null" (sandboxed frames, file: pages) and garbage are foreign.
    return true;
  }
}

function hasMalformedPath(url: string): boolean {
  const path = url.split('?')[0];
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

export function refuseRequest(request: GuardedRequest, extraOrigins: readonly string[] = []): Refusal | null {
  if (hasMalformedPath(request.url ?? '/')) return { status: 400, message: 'That address is not valid.' };
  const method = (request.method ?? 'GET').toUpperCase();
  if (SAFE_METHODS.has(method)) return null;
  if (isForeignOrigin(header(request, 'origin'), header(request, 'host'), extraOrigins)) {
    return { status: 403, message: 'Requests from other sites cannot change anything here.' };
  }
  const length = header(request, 'content-length');
  if (length === undefined) {
    // A streamed body of unknown size could only be measured by reading it; browsers send a length.
    return header(request, 'transfer-encoding') ? { status: 411, message: 'Send a Content-Length.' } : null;
  }
  if (!/^\d+$/.test(length)) return { status: 400, message: 'Content-Length is not a number.' };
  if (Number(length) > MAX_BODY_BYTES) return { status: 413, message: 'That request is too large (the limit is 1 MB).' };
  return null;
}
