// The labs as the failure-lab issues shape them, checked on the real content: each opens on a
// story (its first step's text reads as a situation, not a one-line task), each step has hints
// that lead up to the answer (two or more; lab-consistency.ts keeps the answer for the last), and
// each lab names at least three near-miss mutations that its self-test proves fail. Lesson
// sandboxes are held to their own, smaller shape.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listGradedLabIds, listLabIds, findLab } from '../_server/lab-catalogue';
import { listModules } from './catalogue';

const MIN_STORY_WORDS = 80;

/** The prose of a step's MDX: code blocks and markup left out. */
function proseWords(mdx: string): number {
  const prose = mdx.replace(/```[\s\S]*?```/g, ' ').replace(/<[^>]+>/g, ' ').replace(/`[^`]*`/g, ' x ');
  return prose.split(/\s+/).filter((w) => /[A-Za-z]/.test(w)).length;
}

const labs = await Promise.all((await listLabIds()).map(async (id) => ({ id, lab: await findLab(id) })));

describe('every lab', () => {
  for (const { id, lab } of labs) {
    if (lab?.sandbox) continue;
    it(`${id}: a story, hints that lead up to the answer, three near misses`, () => {
      expect(lab, `${id} does not load`).not.toBeNull();
      const first = lab!.steps[0]!;
      expect(proseWords(readFileSync(first.textPath, 'utf8')), 'the first step tells the story: who, what broke, what must hold').toBeGreaterThanOrEqual(MIN_STORY_WORDS);
      for (const step of lab!.steps) expect(step.hints.length, `step ${step.id} hints`).toBeGreaterThanOrEqual(2);
      expect(lab!.mutations.length).toBeGreaterThanOrEqual(3);
    });
  }
});

// A lesson sandbox (lab.yaml `sandbox: true`) is the terminal beside a module's lessons: it needs no
// story or near misses, but it must serve a module and never be offered as a lab to solve.
describe('every lesson sandbox', () => {
  for (const { id, lab } of labs) {
    if (!lab?.sandbox) continue;
    it(`${id}: a module's sandbox, in no module's labs, healthy by its own checks`, async () => {
      const modules = await listModules();
      expect(modules.filter((m) => m.sandbox === id).map((m) => m.slug), 'no module.yaml names it as sandbox:').not.toEqual([]);
      expect(modules.filter((m) => m.labs.includes(id)).map((m) => m.slug), 'a sandbox is listed in labs:').toEqual([]);
      expect(lab.solution).toBeUndefined();
      expect(lab.steps.flatMap((s) => s.checks).every((c) => c.initially === 'pass')).toBe(true);
      expect(await listGradedLabIds()).not.toContain(id);
    });
  }
});
