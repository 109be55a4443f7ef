// Security (issue 5): a learner's shell sees only the simulated world. The real labsh process
// runs with host files and a secret in its environment; nothing of either reaches the output.

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('./labsh-main.ts', import.meta.url));

function labsh(script: string): string {
  return execFileSync(process.execPath, ['--import', 'tsx', entry, '-c', script], {
    env: { ...process.env, FLATNET_SESSION_TOKEN: 'secret-token-4711', DATABASE_URL: 'file:/srv/secret.db' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('labsh exposes only the simulated world', () => {
  it('cannot read host files, its own environment or other sessions', () => {
    const out = labsh([
      'cat /etc/passwd 2>&1',
      'cat /proc/self/environ 2>&1',
      'cat /proc/1/cmdline 2>&1',
      `cat ${process.cwd()}/package.json 2>&1`,
      'cat ../../../../etc/hostname 2>&1',
      'ls / 2>&1',
      'ls /proc /etc /tmp 2>&1',
      'env; printenv FLATNET_SESSION_TOKEN; echo "$FLATNET_SESSION_TOKEN$DATABASE_URL"',
      'grep -r root /etc 2>&1; true',
    ].join('\n'));
    expect(out).toContain('cat: /etc/passwd: No such file or directory');
    expect(out).toContain('cat: /proc/self/environ: No such file or directory');
    expect(out).not.toMatch(/root:x:0/);
    expect(out).not.toContain('secret-token-4711');
    expect(out).not.toContain('/srv/secret.db');
    expect(out).not.toContain('"name": "flatnet"');
    expect(out).toContain("ls: cannot access '/proc': No such file or directory");
    // `ls /` lists only the simulated tree.
    expect(out).toMatch(/^home$/m);
    expect(out).not.toMatch(/^(bin|usr|var|etc|proc)$/m);
    expect(out).toContain('HOME=/home/learner');
  });
});
