// For tests that call route handlers as a signed-in user: signs in through better-auth's own
// handler, from Flatnet's origin, and returns the Cookie header a browser would send next.

import { expect } from 'vitest';

export async function signInCookie(auth: { handler(request: Request): Promise<Response> }, origin: string, email: string, password: string): Promise<string> {
  const response = await auth.handler(
    new Request(`${origin}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: new URL(origin).host, origin, 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ email, password }),
    }),
  );
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
}
