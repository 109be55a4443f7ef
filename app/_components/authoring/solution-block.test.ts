import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scaffoldLab } from '../../../lab-engine/labs/lab-scaffold';
import { replaceSolution, solutionLines } from './solution-block';

const LABS = join(import.meta.dirname, '../../../content/labs');

/** The file's lines outside the solution block. */
function outsideSolution(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith('solution:'));
  if (start < 0) return lines;
  let end = start + 1;
  while (end < lines.length && (lines[end].startsWith(' ') || lines[end] === '')) end += 1;
  return [...lines.slice(0, start), ...lines.slice(end)];
}

describe('replaceSolution', () => {
  it('replaces the scaffold’s solution and leaves every other line, comments included, as it was', () => {
    const source = scaffoldLab({ id: 'demo-lab', title: 'Demo: a lab', module: 'pod-network' })['lab.yaml'];
    const result = replaceSolution(source, ['kubectl edit svc api', 'kubectl get svc api']);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(parse(result.text).solution).toBe('kubectl edit svc api\nkubectl get svc api\n');
    expect(result.text).toContain('solution: |\n  kubectl edit svc api\n  kubectl get svc api\n\nmutations:');
    expect(outsideSolution(result.text)).toEqual(outsideSolution(source));
    expect(result.text).toContain('# Runs in the simulated cluster before the learner arrives');
    expect(result.text).toContain('mustFail: [client-reaches-api]');
  });

  it('keeps every content lab byte for byte outside its solution', () => {
    for (const id of readdirSync(LABS)) {
      const source = readFileSync(join(LABS, id, 'lab.yaml'), 'utf8');
      if (parse(source).solution === undefined) continue;
      const result = replaceSolution(source, ['echo one', 'echo two']);
      expect(result.ok, id).toBe(true);
      if (!result.ok) continue;
      expect(parse(result.text).solution, id).toBe('echo one\necho two\n');
      expect(outsideSolution(result.text), id).toEqual(outsideSolution(source));
    }
  });

  it('replaces a one-line plain solution', () => {
    const result = replaceSolution('id: x\nsolution: kubectl run web --image=nginx\nseed: 1\n', ['kubectl run api --image=nginx']);
    expect(result).toEqual({ ok: true, text: 'id: x\nsolution: |\n  kubectl run api --image=nginx\nseed: 1\n' });
  });

  it('adds a solution block when lab.yaml has none', () => {
    const result = replaceSolution('# the lab\nid: x # its id\n', ['kubectl get pods']);
    expect(result).toEqual({ ok: true, text: '# the lab\nid: x # its id\n\nsolution: |\n  kubectl get pods\n' });
  });

  it('falls back to the Document when a splice would swallow a trailing comment', () => {
    const result = replaceSolution('# head\nid: x\nsolution: old # why\nseed: 1\n', ['kubectl get pods']);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(parse(result.text)).toEqual({ id: 'x', solution: 'kubectl get pods\n', seed: 1 });
    expect(result.text).toContain('# head');
  });

  it('refuses no commands, YAML that does not parse, and a document that is not a mapping', () => {
    expect(replaceSolution('id: x\n', [])).toMatchObject({ ok: false, message: expect.stringContaining('No commands') });
    expect(replaceSolution('id: [x\n', ['ls'])).toMatchObject({ ok: false, message: expect.stringContaining('does not parse') });
    expect(replaceSolution('- a\n- b\n', ['ls'])).toMatchObject({ ok: false, message: expect.stringContaining('mapping') });
    expect(replaceSolution('id: x\n', ['x'.repeat(2_001)])).toMatchObject({ ok: false });
  });
});

describe('solutionLines', () => {
  it('splits a recorded solution into its non-blank commands', () => {
    expect(solutionLines('kubectl a\n\nkubectl b  \n')).toEqual(['kubectl a', 'kubectl b']);
    expect(solutionLines(['kubectl a', '', 'kubectl b'])).toEqual(['kubectl a', 'kubectl b']);
  });
});
