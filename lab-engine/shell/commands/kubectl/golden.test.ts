// Golden outputs: each file in testdata/ names a scenario, where its format comes from, the
// commands that set it up and the exact stdout, stderr and exit status expected. Regenerate
// deliberately with `UPDATE_GOLDEN=1 npx vitest run lab-engine/shell/commands/kubectl`, then
// review the diff against the cited source; never regenerate silently.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../simulation/simulation';

const DIR = join(import.meta.dirname, 'testdata');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

interface Fixture {
  header: string[];
  seed: number;
  setup: string[];
  command: string;
  exit: number;
  stdout: string;
  stderr: string;
}

function parseFixture(text: string): Fixture {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const outAt = lines.indexOf('--- stdout');
  const errAt = lines.indexOf('--- stderr');
  if (outAt < 0 || errAt < outAt) throw new Error('fixture needs `--- stdout` then `--- stderr`');
  const header = lines.slice(0, outAt);
  const value = (key: string) => header.filter((l) => l.startsWith(`${key}: `)).map((l) => l.slice(key.length + 2));
  const block = (from: number, to: number) => {
    const body = lines.slice(from + 1, to);
    return body.length ? `${body.join('\n')}\n` : '';
  };
  return {
    header,
    seed: Number(value('seed')[0] ?? 1),
    setup: value('setup'),
    command: value('command')[0],
    exit: Number(value('exit')[0] ?? 0),
    stdout: block(outAt, errAt),
    stderr: block(errAt, lines.length),
  };
}

function formatFixture(f: Fixture, got: { stdout: string; stderr: string; exitCode: number }): string {
  const header = f.header.map((l) => (l.startsWith('exit: ') ? `exit: ${got.exitCode}` : l));
  if (!header.some((l) => l.startsWith('exit: '))) header.push(`exit: ${got.exitCode}`);
  return `${header.join('\n')}\n--- stdout\n${got.stdout}--- stderr\n${got.stderr}`;
}

describe('kubectl golden outputs', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort();
  it('has fixtures', () => expect(files.length).toBeGreaterThan(10));
  for (const file of files) {
    it(file, async () => {
      const fixture = parseFixture(readFileSync(join(DIR, file), 'utf8'));
      const sim = createSimulation({ seed: fixture.seed });
      for (const line of fixture.setup) {
        const r = await sim.exec(line);
        expect(r.exitCode, `setup "${line}" failed: ${r.stderr}`).toBe(0);
      }
      const got = await sim.exec(fixture.command);
      if (UPDATE) {
        writeFileSync(join(DIR, file), formatFixture(fixture, got));
        return;
      }
      expect({ stdout: got.stdout, stderr: got.stderr, exit: got.exitCode }).toEqual({ stdout: fixture.stdout, stderr: fixture.stderr, exit: fixture.exit });
    });
  }
});
