// The outer wall in server.ts: malformed paths, foreign Origins and oversize bodies are refused
// with a 4xx before Next can turn them into 500s; ordinary requests pass untouched.

import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, refuseRequest } from './request-guard';
import { contentSecurityPolicy, securityHeaders } from './security-headers';
import { shouldUseSecureCookies } from './cookie-security';

const host = '127.0.0.1:3000';
const post = (url: string, headers: Record<string, string> = {}) => ({ method: 'POST', url, headers: { host, ...headers } });

describe('refuseRequest', () => {
  it('answers 400 for a path that is not valid percent-encoding (a reset id of %)', () => {
    expect(refuseRequest(post('/api/attempts/%/reset'))?.status).toBe(400);
    expect(refuseRequest({ method: 'GET', url: '/labs/%E0%A4%A', headers: { host } })?.status).toBe(400);
  });

  it('answers 403 for a state-changing request from another site, server actions included', () => {
    expect(refuseRequest(post('/api/attempts', { origin: 'https://evil.example' }))?.status).toBe(403);
    expect(refuseRequest(post('/sign-in', { origin: 'https://evil.example', 'next-action': 'abc' }))?.status).toBe(403);
    expect(refuseRequest(post('/api/attempts', { origin: 'null' }))?.status).toBe(403);
    expect(refuseRequest({ method: 'DELETE', url: '/api/x', headers: { host, origin: 'http://127.0.0.1:3001' } })?.status).toBe(403);
  });

  it('lets same-origin, Origin-less and configured-origin requests through', () => {
    expect(refuseRequest(post('/api/attempts', { origin: `http://${host}`, 'content-length': '20' }))).toBeNull();
    expect(refuseRequest(post('/api/attempts'))).toBeNull();
    expect(refuseRequest(post('/api/attempts', { origin: 'https://flatnet.example.org' }), ['https://flatnet.example.org'])).toBeNull();
    expect(refuseRequest({ method: 'GET', url: '/labs?q=%', headers: { host, origin: 'https://evil.example' } })).toBeNull();
  });

  it('answers 413 for a body over 1 MiB and 411 for a body of unknown length', () => {
    expect(refuseRequest(post('/sign-in', { 'content-length': String(MAX_BODY_BYTES + 1) }))?.status).toBe(413);
    expect(refuseRequest(post('/sign-in', { 'content-length': String(MAX_BODY_BYTES) }))).toBeNull();
    expect(refuseRequest(post('/sign-in', { 'transfer-encoding': 'chunked' }))?.status).toBe(411);
    expect(refuseRequest(post('/sign-in', { 'content-length': '1e9' }))?.status).toBe(400);
  });
});

describe('security headers', () => {
  it('forbid framing, sniffing and foreign scripts, and allow the same-host WebSocket', () => {
    const headers = securityHeaders(host);
    expect(headers['X-Frame-Options']).toBe('DENY');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    const csp = headers['Content-Security-Policy'];
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`connect-src 'self' ws://${host} wss://${host}`);
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('never echo a Host header that could smuggle another directive', () => {
    expect(contentSecurityPolicy("evil; script-src *")).toContain("connect-src 'self'; ");
  });
});

describe('shouldUseSecureCookies', () => {
  it('is off only for plain http on loopback, or when explicitly opted out', () => {
    expect(shouldUseSecureCookies({})).toBe(false);
    expect(shouldUseSecureCookies({ HOST: '127.0.0.1' })).toBe(false);
    expect(shouldUseSecureCookies({ BETTER_AUTH_URL: 'http://localhost:3000' })).toBe(false);
    expect(shouldUseSecureCookies({ HOST: '0.0.0.0' })).toBe(true);
    expect(shouldUseSecureCookies({ BETTER_AUTH_URL: 'https://flatnet.example.org' })).toBe(true);
    expect(shouldUseSecureCookies({ BETTER_AUTH_URL: 'http://10.0.0.5:3000' })).toBe(true);
    expect(shouldUseSecureCookies({ HOST: '0.0.0.0', FLATNET_INSECURE_COOKIES: '1' })).toBe(false);
  });
});
