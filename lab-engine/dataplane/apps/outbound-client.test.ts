// What checkout's environment makes of its client: the URL's host and port, the rate, keep-alive
// as Go's strconv.ParseBool reads it, the pool a keep-alive client keeps, and Go's dial-timeout words.

import { describe, expect, it } from 'vitest';
import { dialTimeoutLine, outboundClient } from './outbound-client';

const env = (vars: Record<string, string>) => ({ env: Object.entries(vars).map(([name, value]) => ({ name, value })) });

describe('outboundClient', () => {
  it('reads TARGET_URL, RATE and KEEPALIVE', () => {
    expect(outboundClient(env({ TARGET_URL: 'https://api.payments.example/v1/charges', RATE: '300', KEEPALIVE: 'false' }))).toEqual({
      url: 'https://api.payments.example/v1/charges',
      host: 'api.payments.example',
      port: 443,
      rate: 300,
      keepAlive: false,
      pool: 15,
    });
    expect(outboundClient(env({ TARGET_URL: 'http://203.0.113.10:8443/x', RATE: '10' }))).toMatchObject({ host: '203.0.113.10', port: 8443, keepAlive: true, pool: 2 });
  });

  it('keeps keep-alive on for a value ParseBool does not read as false', () => {
    expect(outboundClient(env({ TARGET_URL: 'https://a.example', KEEPALIVE: 'no' }))?.keepAlive).toBe(true);
    expect(outboundClient(env({ TARGET_URL: 'https://a.example', KEEPALIVE: '0' }))?.keepAlive).toBe(false);
  });

  it('is no client without a usable URL', () => {
    expect(outboundClient(env({}))).toBeUndefined();
    expect(outboundClient(env({ TARGET_URL: 'api.payments.example' }))).toBeUndefined();
    expect(outboundClient(env({ TARGET_URL: 'ftp://a.example' }))).toBeUndefined();
  });

  it("logs a failed call in net/http's words", () => {
    const client = outboundClient(env({ TARGET_URL: 'https://api.payments.example/v1/charges' }));
    expect(client && dialTimeoutLine(client, '203.0.113.10', Date.UTC(2026, 0, 5, 9, 2, 9))).toBe('2026/01/05 09:02:09 payment call failed: Post "https://api.payments.example/v1/charges": dial tcp 203.0.113.10:443: i/o timeout');
  });
});
