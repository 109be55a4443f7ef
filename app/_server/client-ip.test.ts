// Which address a request is charged to: the socket's, unless the operator trusts the proxy.

import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { CLIENT_IP_HEADER, clientIpFrom, parseTrustedProxies, resolveClientIp, stampClientIp } from './client-ip';

const none = parseTrustedProxies(undefined);
const proxies = parseTrustedProxies('10.0.0.0/8, 192.0.2.1, ::1');

describe('resolveClientIp', () => {
  it('ignores X-Forwarded-For when no proxy is trusted (the default)', () => {
    expect(resolveClientIp('198.51.100.7', '1.2.3.4', none)).toBe('198.51.100.7');
    expect(resolveClientIp('::ffff:198.51.100.7', '1.2.3.4', none)).toBe('198.51.100.7');
  });

  it('believes the header hop by hop only through trusted proxies', () => {
    expect(resolveClientIp('10.1.2.3', '203.0.113.5', proxies)).toBe('203.0.113.5');
    // The client prepended a forged hop; the trusted proxy appended the real one.
    expect(resolveClientIp('10.1.2.3', '1.1.1.1, 203.0.113.5, 192.0.2.1', proxies)).toBe('203.0.113.5');
    expect(resolveClientIp('198.51.100.7', '203.0.113.5', proxies)).toBe('198.51.100.7');
    expect(resolveClientIp('::1', 'not-an-ip', proxies)).toBe('::1');
    expect(resolveClientIp(undefined, undefined, none)).toBe('unknown');
  });

  it('refuses a malformed configuration at start', () => {
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/prefix/);
    expect(() => parseTrustedProxies('proxy.example')).toThrow(/not an IP/);
  });
});

describe('stampClientIp', () => {
  it('overwrites every client-supplied address header', () => {
    const request = {
      socket: { remoteAddress: '198.51.100.7' },
      headers: { 'x-forwarded-for': '1.2.3.4', 'x-real-ip': '5.6.7.8', [CLIENT_IP_HEADER]: '9.9.9.9' },
    } as unknown as IncomingMessage;
    expect(stampClientIp(request, none)).toBe('198.51.100.7');
    expect(request.headers).toEqual({ 'x-forwarded-for': '198.51.100.7', [CLIENT_IP_HEADER]: '198.51.100.7' });
    expect(clientIpFrom(new Headers(request.headers as Record<string, string>))).toBe('198.51.100.7');
    expect(clientIpFrom(new Headers())).toBe('unstamped');
  });
});
