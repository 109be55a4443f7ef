// Security (issue 5, DESIGN "Tokens never travel in URLs"): no source builds a URL that carries a
// token, session or key in its query string, and the terminal's WebSocket URL names only the
// attempt (and the terminal size); identity travels in the HttpOnly session cookie.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOTS = ['app', 'lab-engine', 'e2e', 'scripts'];
const SKIP = new Set(['node_modules', 'dist', '.next', 'generated', 'testdata']);

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.(ts|tsx|mjs|js)$/.test(name) && !name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

describe('no token in any URL', () => {
  it('no query string carries a token, session, password or key', () => {
    const offenders: string[] = [];
    const pattern = /[?&](token|access_token|auth|session|sessionid|session_token|password|api_?key|key|secret|jwt)=/i;
    for (const file of ROOTS.flatMap((r) => sources(r))) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        if (pattern.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
        if (/searchParams\.get\(['"](token|session|auth|key)['"]\)/i.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('the terminal WebSocket URL names only the attempt and the size', () => {
    const client = readFileSync('app/_components/lab-terminal.ts', 'utf8');
    const urls = [...client.matchAll(/\/api\/terminal\?([^`'"]*)/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(0);
    for (const query of urls) {
      const keys = query.split('&').map((kv) => kv.split('=')[0]);
      expect(keys.every((k) => ['attempt', 'cols', 'rows'].includes(k))).toBe(true);
    }
  });
});
