// Issue 14, finding 8, against the production build: every response carries the security
// headers (a page, an API route, a static asset, a refusal); pages work under the CSP with no
// violation reported; a foreign Origin cannot start a lab or call a server action (403, not 500
// or 200); a reset id of `%` and a server-action body over 1 MB get a 4xx, not a 500.

import { expect, test, type APIResponse } from '@playwright/test';
import { newLearner, signUp, signUpApi } from './support/learner';

const baseURL = () => process.env.FLATNET_E2E_URL!;

function expectSecurityHeaders(response: APIResponse) {
  const headers = response.headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain("object-src 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
}

test('a page, an API route, a static asset and a refusal all carry the security headers', async ({ request }) => {
  const page = await request.get(`${baseURL()}/`);
  expect(page.status()).toBe(200);
  expectSecurityHeaders(page);
  const asset = (await page.text()).match(/\/_next\/static\/[^"']+\.js/)?.[0];
  expect(asset).toBeTruthy();
  const staticFile = await request.get(`${baseURL()}${asset}`);
  expect(staticFile.status()).toBe(200);
  expectSecurityHeaders(staticFile);
  const api = await request.get(`${baseURL()}/api/progress`);
  expect(api.status()).toBe(401);
  expectSecurityHeaders(api);
  const missing = await request.get(`${baseURL()}/no-such-page`);
  expect(missing.status()).toBe(404);
  expectSecurityHeaders(missing);
});

test('a foreign Origin cannot start a lab: 403, even with a valid session', async ({ request }) => {
  const cookie = await signUpApi(request, baseURL(), newLearner());
  const foreign = await request.post(`${baseURL()}/api/attempts`, {
    data: { labId: 'pod-network-basics' },
    headers: { cookie, origin: 'https://evil.example' },
  });
  expect(foreign.status()).toBe(403);
  expect(await foreign.json()).toEqual({ message: expect.any(String) });
  expectSecurityHeaders(foreign);
  const own = await request.post(`${baseURL()}/api/attempts`, { data: { labId: 'pod-network-basics' }, headers: { cookie, origin: baseURL() } });
  expect(own.status()).toBe(200);
});

test('a reset id of % is a 400 with one plain sentence, not a 500', async ({ request }) => {
  const response = await request.post(`${baseURL()}/api/attempts/%/reset`, { headers: { origin: baseURL() } });
  expect(response.status()).toBe(400);
  const body = await response.text();
  expect(body).not.toMatch(/\n\s+at |\/work\/|node_modules|Error:/);
});

test('server actions: a foreign Origin gets 403 and a body over 1 MB gets 413, never a 500', async ({ request }) => {
  const action = { 'next-action': '0'.repeat(42), 'content-type': 'text/plain;charset=UTF-8' };
  const foreign = await request.post(`${baseURL()}/signin`, { headers: { ...action, origin: 'https://evil.example' }, data: '[]' });
  expect(foreign.status()).toBe(403);
  const big = await request.post(`${baseURL()}/signin`, { headers: { ...action, origin: baseURL() }, data: 'x'.repeat(1024 * 1024 + 10) });
  expect(big.status()).toBe(413);
  expect(await big.text()).not.toMatch(/\n\s+at |\/work\/|node_modules/);
});

test('pages and the lab terminal work under the CSP with no violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
  });
  await signUp(page);
  await page.goto('/learn/pod-network/pod-network-model');
  await expect(page.locator('svg').first()).toBeVisible();
  await page.goto('/labs/pod-network-basics');
  const state = page.getByTestId('connection-state');
  await expect(state).not.toHaveText('Loading…');
  if ((await state.textContent()) === 'Not started') await page.getByTestId('start-lab').click();
  await expect(state).toHaveText('Connected', { timeout: 20_000 });
  expect(violations).toEqual([]);
});
