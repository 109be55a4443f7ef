import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../simulation/simulation';
import { versionCompare } from './version-compare';

// GNU sort -V orders these the same way.
describe('sort -V', () => {
  it('compares digit runs as numbers and ~ before the end', () => {
    expect(versionCompare('v1.9', 'v1.10')).toBeLessThan(0);
    expect(versionCompare('1.0~rc1', '1.0')).toBeLessThan(0);
    expect(versionCompare('1.0a', '1.0.1')).toBeLessThan(0);
    expect(versionCompare('2.0', '2.0')).toBe(0);
  });

  it('sorts lines and keys by version', async () => {
    const sim = createSimulation({ seed: 1 });
    expect((await sim.exec("printf 'v1.10\\nv1.9\\nv1.9.1\\n' | sort -V")).stdout).toBe('v1.9\nv1.9.1\nv1.10\n');
    expect((await sim.exec("printf 'b 1.10\\na 1.2\\n' | sort -k2V")).stdout).toBe('a 1.2\nb 1.10\n');
  });
});
