import { describe, expect, it } from 'vitest';
import { isAllowedOrigin } from './origin-policy';

describe('isAllowedOrigin', () => {
  const host = 'localhost:3000';

  it('accepts the page own origin', () => {
    expect(isAllowedOrigin('http://localhost:3000', host)).toBe(true);
    expect(isAllowedOrigin('https://localhost:3000', host)).toBe(true);
  });

  it.each([
    ['missing', undefined],
    ['null', 'null'],
    ['foreign', 'https://evil.example'],
    ['look-alike suffix', 'http://localhost:3000.evil.example'],
    ['look-alike prefix', 'http://evil-localhost:3000'],
    ['other port', 'http://localhost:3001'],
    ['credentials', 'http://user@localhost:3000'],
    ['path smuggling', 'http://localhost:3000/evil'],
    ['other scheme', 'file://localhost:3000'],
  ])('refuses a %s origin', (_label, origin) => {
    expect(isAllowedOrigin(origin, host)).toBe(false);
  });

  it('refuses when the request has no Host', () => {
    expect(isAllowedOrigin('http://localhost:3000', undefined)).toBe(false);
  });

  it('accepts configured extra origins exactly', () => {
    const options = { extraOrigins: ['https://flatnet.example.org'] };
    expect(isAllowedOrigin('https://flatnet.example.org', host, options)).toBe(true);
    expect(isAllowedOrigin('https://flatnet.example.org.evil.example', host, options)).toBe(false);
  });
});
