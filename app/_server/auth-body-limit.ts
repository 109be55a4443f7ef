// A size cap on bodies sent to better-auth's HTTP API, applied before better-auth parses the JSON:
// the largest legitimate body (sign-up: name 100, email 254, password 128) is well under 1 KB,
// and a 10 MB display name must be refused without being read, parsed or stored.

export const MAX_AUTH_BODY_BYTES = 8 * 1024;

function tooLarge(): Response {
  return Response.json(
    { code: 'BODY_TOO_LARGE', message: `The request body can have at most ${MAX_AUTH_BODY_BYTES} bytes.` },
    { status: 413 },
  );
}

/**
 * The request unchanged, a copy whose body was read up to the cap, or a 413. A declared
 * Content-Length over the cap is refused unread; a chunked body is read only up to the cap.
 */
export async function limitAuthBody(request: Request, maxBytes = MAX_AUTH_BODY_BYTES): Promise<Request | Response> {
  if (!request.body) return request;
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new Request(request, { body, duplex: 'half' } as RequestInit);
}

/** Wraps a route handler so every request passes the cap first. */
export function withAuthBodyLimit(handler: (request: Request) => Promise<Response>): (request: Request) => Promise<Response> {
  return async (request) => {
    const limited = await limitAuthBody(request);
    return limited instanceof Response ? limited : handler(limited);
  };
}
