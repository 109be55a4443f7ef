// The course as issue 16 shapes it, checked on the real content: twenty modules, at least 45
// lessons, each module with two lessons or more and a lab; every lesson with its objectives, a
// length a learner can read in one sitting (800–1,500 words of prose), a diagram, graded quiz
// questions or check-yourself questions, and links that lead somewhere real: another lesson (and
// the section it names), a module page, or a lab.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listGradedLabIds, listLabIds } from '../_server/lab-catalogue';
import { listModules } from './catalogue';
import { outlineLesson, type LessonOutline } from './lesson-outline';
import { quizzesInSource } from './lesson-quizzes';

const modules = await listModules();
const labIds = new Set(await listLabIds());
/** The labs with a page of their own: a lesson sandbox (lab.yaml `sandbox: true`) has none. */
const gradedLabIds = new Set(await listGradedLabIds());
const outlines = new Map<string, LessonOutline>();
for (const courseModule of modules) {
  for (const lesson of courseModule.lessons) outlines.set(lesson.href, outlineLesson(readFileSync(lesson.path, 'utf8'), lesson.path));
}

/** Where an internal link points, or why it points nowhere. */
function resolveLink(url: string, from: string): string | null {
  const [path, anchor] = url.split('#', 2) as [string, string | undefined];
  if (path === '') return anchor && outlines.get(from)?.sections.some((s) => s.id === anchor) ? null : `no section #${anchor} in this lesson`;
  const learn = /^\/learn\/([a-z0-9-]+)(?:\/([a-z0-9-]+))?\/?$/.exec(path);
  if (learn) {
    const courseModule = modules.find((m) => m.slug === learn[1]);
    if (!courseModule) return `no module "${learn[1]}"`;
    if (!learn[2]) return anchor ? 'a module page has no sections to link to' : null;
    const target = courseModule.lessons.find((l) => l.slug === learn[2]);
    if (!target) return `module "${learn[1]}" has no lesson "${learn[2]}"`;
    if (anchor && !outlines.get(target.href)?.sections.some((s) => s.id === anchor)) return `${target.href} has no section #${anchor}`;
    return null;
  }
  const lab = /^\/labs\/([a-z0-9-]+)\/?$/.exec(path);
  if (lab) return gradedLabIds.has(lab[1]) ? null : labIds.has(lab[1]) ? `"${lab[1]}" is a lesson sandbox, with no page of its own` : `no lab "${lab[1]}" in content/labs`;
  if (path === '/' || path === '/progress') return null;
  return 'not a page of the course (use /learn/<module>/<lesson>, /learn/<module> or /labs/<id>)';
}

describe('the course has the shape of issue 16', () => {
  it('has twenty modules and at least 45 lessons', () => {
    expect(modules.map((m) => m.order)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(modules.flatMap((m) => m.lessons).length).toBeGreaterThanOrEqual(45);
  });

  for (const courseModule of modules) {
    it(`module ${courseModule.order} (${courseModule.slug}) has two lessons or more and links a lab`, () => {
      expect(courseModule.lessons.length).toBeGreaterThanOrEqual(2);
      expect(courseModule.labs.length).toBeGreaterThanOrEqual(1);
      for (const labId of courseModule.labs) expect(gradedLabIds.has(labId), `lab ${labId}`).toBe(true);
      if (courseModule.sandbox) expect(labIds.has(courseModule.sandbox), `sandbox ${courseModule.sandbox}`).toBe(true);
      const linked = courseModule.lessons.flatMap((l) => outlines.get(l.href)?.links ?? []).filter((link) => link.url.startsWith('/labs/'));
      expect(linked.length, 'no lesson of the module links its lab in the text').toBeGreaterThanOrEqual(1);
    });
  }

  // A lab a module lists is one a learner reaches from that module's reading, not only from its sidebar.
  it('links every lab from the text of a lesson in a module that lists it', () => {
    const unlinked = [...gradedLabIds].filter((labId) => {
      const listing = modules.filter((m) => m.labs.includes(labId));
      return !listing.some((m) => m.lessons.some((l) => outlines.get(l.href)?.links.some((link) => link.url.split('#')[0]!.replace(/\/$/, '') === `/labs/${labId}`)));
    });
    expect(unlinked).toEqual([]);
  });
});

describe('every lesson', () => {
  for (const courseModule of modules) {
    for (const lesson of courseModule.lessons) {
      const outline = outlines.get(lesson.href) as LessonOutline;
      const file = lesson.path.slice(lesson.path.indexOf('content/'));

      it(`${courseModule.slug}/${lesson.slug}: objectives, length, a diagram, questions`, () => {
        expect(outline.title, `${file}: no # title`).not.toBe('');
        expect(typeof outline.frontmatter.summary, `${file}: frontmatter summary`).toBe('string');
        expect(typeof outline.frontmatter.minutes, `${file}: frontmatter minutes`).toBe('number');
        const objectives = outline.sections.find((s) => s.heading === 'Objectives');
        expect(objectives?.text ?? '', `${file}: a ## Objectives section with its points`).not.toBe('');
        expect(outline.proseWords, `${file}: words of prose`).toBeGreaterThanOrEqual(800);
        expect(outline.proseWords, `${file}: words of prose`).toBeLessThanOrEqual(1500);
        expect(outline.diagrams, `${file}: mermaid diagrams`).toBeGreaterThanOrEqual(1);
        const checkYourself = outline.sections.some((s) => s.heading === 'Check yourself');
        expect(outline.quizzes > 0 || checkYourself, `${file}: a <Quiz> or a ## Check yourself section`).toBe(true);
      });

      it(`${courseModule.slug}/${lesson.slug}: every quiz is graded, with exactly one right answer`, () => {
        const source = readFileSync(lesson.path, 'utf8');
        const graded = quizzesInSource(source, lesson.path);
        // A <Quiz> written so that the server cannot read its answer would render but never be saved.
        expect(graded.length, `${file}: a <Quiz> whose question, options or answer is not a literal`).toBe(outline.quizzes);
        for (const quiz of graded) {
          expect(quiz.optionCount, quiz.question).toBeGreaterThanOrEqual(2);
          expect(Number.isInteger(quiz.answer) && quiz.answer >= 0 && quiz.answer < quiz.optionCount, quiz.question).toBe(true);
        }
        expect(new Set(graded.map((q) => q.key)).size, `${file}: two quizzes ask the same question`).toBe(graded.length);
      });

      it(`${courseModule.slug}/${lesson.slug}: internal links and lab references resolve`, () => {
        const broken = outline.links
          .filter((link) => !/^(https?:|mailto:)/.test(link.url))
          .map((link) => ({ link, problem: resolveLink(link.url, lesson.href) }))
          .filter((x) => x.problem !== null)
          .map(({ link, problem }) => `${file}:${link.line}: ${link.url}: ${problem}`);
        expect(broken).toEqual([]);
      });
    }
  }
});
