import { describe, expect, it } from 'vitest';
import { diagnosticsFor, formatIssue, issueCounts, type AuthoringIssue } from './issue-diagnostics';

const TEXT = 'id: demo\ntitle: Demo\nsteps:\n  - id: one\n    kind: reachabilty\n';

describe('formatIssue', () => {
  it('names the file, line and field', () => {
    expect(formatIssue({ file: 'lab.yaml', line: 12, path: 'steps[0].checks[0].kind', message: 'unknown kind' })).toBe('lab.yaml:12 steps[0].checks[0].kind: unknown kind');
  });
  it('leaves out what is not known', () => {
    expect(formatIssue({ file: 'steps/01-a.mdx', path: '(top level)', message: 'missing' })).toBe('steps/01-a.mdx: missing');
  });
});

describe('diagnosticsFor', () => {
  it('covers the issue’s line from its column to the end of the line', () => {
    const issue: AuthoringIssue = { file: 'lab.yaml', line: 5, column: 11, path: 'steps[0].checks[0].kind', message: 'Unknown kind' };
    const [diagnostic] = diagnosticsFor(TEXT, 'lab.yaml', [issue]);
    expect(TEXT.slice(diagnostic.from, diagnostic.to)).toBe('reachabilty');
    expect(diagnostic).toMatchObject({ severity: 'error', message: 'steps[0].checks[0].kind: Unknown kind' });
  });

  it('covers the whole line when no column is known, and line 1 when no line is', () => {
    const [a, b] = diagnosticsFor(TEXT, 'lab.yaml', [
      { file: 'lab.yaml', line: 2, path: 'title', message: 'x' },
      { file: 'lab.yaml', path: '(top level)', message: 'y' },
    ]);
    expect(TEXT.slice(a.from, a.to)).toBe('title: Demo');
    expect(TEXT.slice(b.from, b.to)).toBe('id: demo');
    expect(b.message).toBe('y');
  });

  it('keeps only the open file’s issues', () => {
    expect(diagnosticsFor(TEXT, 'lab.yaml', [{ file: 'steps/01.mdx', line: 1, path: '', message: 'z' }])).toEqual([]);
  });

  it('clamps a line or column past the end of a text edited since', () => {
    const [past, wide] = diagnosticsFor('a\nbc', 'lab.yaml', [
      { file: 'lab.yaml', line: 40, path: '', message: 'gone' },
      { file: 'lab.yaml', line: 1, column: 30, path: '', message: 'wide' },
    ]);
    expect(past).toMatchObject({ from: 2, to: 4 });
    expect(wide).toMatchObject({ from: 1, to: 1 });
  });
});

describe('issueCounts', () => {
  it('counts issues per file', () => {
    const counts = issueCounts([
      { file: 'lab.yaml', path: '', message: 'a' },
      { file: 'lab.yaml', path: '', message: 'b' },
      { file: 'steps/01.mdx', path: '', message: 'c' },
    ]);
    expect([...counts]).toEqual([
      ['lab.yaml', 2],
      ['steps/01.mdx', 1],
    ]);
  });
});
