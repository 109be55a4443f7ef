// The labs as the failure-lab issues shape them, checked on the real content: each opens on a
// story (its first step's text reads as a situation, not a one-line task), each step has hints
// that lead up to the answer (two or more; lab-consistency.ts keeps the answer for the last), and
// each lab names at least three near-miss mutations that its self-test proves fail.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listLabIds, findLab } from '../_server/lab-catalogue';

const MIN_STORY_WORDS = 80;

/** The prose of a step's MDX: code blocks and markup left out. */
function proseWords(mdx: string): number {
  const prose = mdx.replace(/```[\s\S]*?```/g, ' ').replace(/<[^>]+>/g, ' ').replace(/`[^`]*`/g, ' x ');
  return prose.split(/\s+/).filter((w) => /[A-Za-z]/.test(w)).length;
}

const labs = await Promise.all((await listLabIds()).map(async (id) => ({ id, lab: await findLab(id) })));

describe('every lab', () => {
  for (const { id, lab } of labs) {
    it(`${id}: a story, hints that lead up to the answer, three near misses`, () => {
      expect(lab, `${id} does not load`).not.toBeNull();
      const first = lab!.steps[0]!;
      expect(proseWords(readFileSync(first.textPath, 'utf8')), 'the first step tells the story: who, what broke, what must hold').toBeGreaterThanOrEqual(MIN_STORY_WORDS);
      for (const step of lab!.steps) expect(step.hints.length, `step ${step.id} hints`).toBeGreaterThanOrEqual(2);
      expect(lab!.mutations.length).toBeGreaterThanOrEqual(3);
    });
  }
});
