// One learner's progress through the course, as the catalogue, module and lesson pages and the
// progress page show it: per module, lessons read, quizzes passed and labs done; every lab with
// its status and best time; and where to continue. Joins the course (catalogue, labs, quizzes in
// the lessons' MDX) with the learner's records (lesson-progress.ts, attempt-completion.ts).

import { listModules } from '../_lessons/catalogue';
import { lessonQuizzes } from '../_lessons/lesson-quizzes';
import { getProgress, type LabProgress } from './attempt-completion';
import { coursePath, toLink, type PathItem, type PathLink } from './course-path';
import { findLab, labChecks } from './lab-catalogue';
import { getLessonRecords, getQuizRecords, lessonKey } from './lesson-progress';

export interface Tally {
  done: number;
  total: number;
}

export interface LessonStatus {
  key: string;
  title: string;
  href: string;
  read: boolean;
  quizzes: Tally;
}

export type LabStatus = 'not-started' | 'in-progress' | 'completed';

export interface LabRow {
  labId: string;
  title: string;
  href: string;
  moduleSlug: string;
  moduleTitle: string;
  status: LabStatus;
  checksPassed: number;
  checksTotal: number;
  bestTimeSeconds: number | null;
  hintsUsed: number | null;
  firstCompletedAt: string | null;
}

export interface ModuleProgress {
  slug: string;
  title: string;
  order: number;
  href: string;
  lessons: Tally;
  quizzes: Tally;
  labs: Tally;
  lessonStatus: LessonStatus[];
}

export interface ContinueAt extends PathLink {
  /** resume: the learner left it unfinished; next: the first unfinished place after where they were. */
  reason: 'resume' | 'next';
}

export interface CourseProgress {
  modules: ModuleProgress[];
  totals: { lessons: Tally; quizzes: Tally; labs: Tally };
  labs: LabRow[];
  /** Where to pick up; null before any activity or once everything is done. */
  continueAt: ContinueAt | null;
}

const tally = (items: readonly boolean[]): Tally => ({ done: items.filter(Boolean).length, total: items.length });
const sum = (tallies: readonly Tally[]): Tally => tallies.reduce((a, b) => ({ done: a.done + b.done, total: a.total + b.total }), { done: 0, total: 0 });

function labStatus(progress: LabProgress | undefined): LabStatus {
  if (!progress) return 'not-started';
  return progress.everCompleted ? 'completed' : 'in-progress';
}

export async function courseProgress(userId: string): Promise<CourseProgress> {
  const [modules, lessonRecords, quizRecords, labProgress, path] = await Promise.all([
    listModules(),
    getLessonRecords(userId),
    getQuizRecords(userId),
    getProgress(userId),
    coursePath(),
  ]);
  const readKeys = new Set(lessonRecords.filter((r) => r.readAt).map((r) => r.lessonKey));
  const passedQuizzes = new Set(quizRecords.filter((q) => q.passedAt).map((q) => `${q.lessonKey}#${q.quizKey}`));
  const labById = new Map(labProgress.map((p) => [p.labId, p]));

  const labs: LabRow[] = [];
  const moduleRows: ModuleProgress[] = [];
  for (const courseModule of modules) {
    const lessonStatus: LessonStatus[] = [];
    for (const lesson of courseModule.lessons) {
      const key = lessonKey(courseModule.slug, lesson.slug);
      const quizzes = await lessonQuizzes(lesson.path).catch(() => []);
      lessonStatus.push({ key, title: lesson.title, href: lesson.href, read: readKeys.has(key), quizzes: tally(quizzes.map((q) => passedQuizzes.has(`${key}#${q.key}`))) });
    }
    const moduleLabs: LabRow[] = [];
    for (const labId of courseModule.labs) {
      const lab = await findLab(labId);
      if (!lab) continue;
      const progress = labById.get(labId);
      const status = labStatus(progress);
      moduleLabs.push({
        labId,
        title: lab.title,
        href: `/labs/${labId}`,
        moduleSlug: courseModule.slug,
        moduleTitle: courseModule.title,
        status,
        checksPassed: status === 'completed' ? labChecks(lab).length : (progress?.checksPassed ?? 0),
        checksTotal: labChecks(lab).length,
        bestTimeSeconds: progress?.bestTimeSeconds ?? null,
        hintsUsed: progress?.bestTimeHintsUsed ?? null,
        firstCompletedAt: progress?.firstCompletedAt?.toISOString() ?? null,
      });
    }
    // A lab listed by several modules counts in each module's bar, but once in the course's.
    labs.push(...moduleLabs.filter((row) => !labs.some((seen) => seen.labId === row.labId)));
    moduleRows.push({
      slug: courseModule.slug,
      title: courseModule.title,
      order: courseModule.order,
      href: `/learn/${courseModule.slug}`,
      lessons: tally(lessonStatus.map((l) => l.read)),
      quizzes: sum(lessonStatus.map((l) => l.quizzes)),
      labs: tally(moduleLabs.map((l) => l.status === 'completed')),
      lessonStatus,
    });
  }

  const isDone = (item: PathItem) =>
    item.kind === 'lesson' ? readKeys.has(item.key) : labById.get(item.key)?.everCompleted === true;
  const lastTouched = new Map<string, Date>([
    ...lessonRecords.map((r) => [`lesson:${r.lessonKey}`, r.lastVisitedAt] as const),
    ...labProgress.map((p) => [`lab:${p.labId}`, p.updatedAt] as const),
  ]);
  return {
    modules: moduleRows,
    totals: { lessons: sum(moduleRows.map((m) => m.lessons)), quizzes: sum(moduleRows.map((m) => m.quizzes)), labs: tally(labs.map((l) => l.status === 'completed')) },
    labs,
    continueAt: continueAt(path, lastTouched, isDone),
  };
}

/**
 * The most recently touched place on the path if it is unfinished; otherwise the first
 * unfinished place after it (or, failing that, anywhere on the path).
 */
export function continueAt(path: readonly PathItem[], lastTouched: ReadonlyMap<string, Date>, isDone: (item: PathItem) => boolean): ContinueAt | null {
  let latest = -1;
  path.forEach((item, index) => {
    const at = lastTouched.get(`${item.kind}:${item.key}`);
    const best = latest >= 0 ? lastTouched.get(`${path[latest].kind}:${path[latest].key}`) : undefined;
    if (at && (!best || at > best)) latest = index;
  });
  if (latest < 0) return null;
  if (!isDone(path[latest])) return { ...toLink(path[latest])!, reason: 'resume' };
  const after = path.slice(latest + 1).find((item) => !isDone(item)) ?? path.find((item) => !isDone(item));
  return after ? { ...toLink(after)!, reason: 'next' } : null;
}
