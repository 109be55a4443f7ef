// The instructor's class view of one cohort: its roster × its labs, each cell saying where that
// learner is in that lab (not started; in progress, on which step; complete), the time spent, the
// hints used and whether it is late; the checks and feedback IDs that fail most across the cohort;
// and who has been stuck on one step for longer than the cohort allows. Read-only: it reads the
// attempt tables that attempts.ts writes. A lab written in the browser (issue 20) is a column like any
// other: its not-started cells count the current version's steps and checks, and a learner's cell
// reads the steps of the version their attempt pinned (a learner mid-attempt keeps the version they
// started, so their step list is that version's). Everything it returns is plain JSON (dates as ISO text),
// because the same view goes to the page, to the live event stream and to the CSV export.

import type { Lab } from '../../lab-engine/labs/loader';
import { activeSeconds, IDLE_CAP_MS } from './attempt-completion';
import type { SessionUser } from './auth';
import { canManageCohort } from './authz';
import { currentPublishedLab, versionLab } from './authored-labs/attempt-lab';
import { cohortLabs } from './cohort-labs';
import { getDb } from './db';
import { findLab } from './lab-catalogue';

/**
 * A learner counts as still working (so possibly stuck, rather than gone home) when their last
 * command or hint is at most this old: the same pause after which attempt-completion.ts stops
 * counting time as spent.
 */
export const RECENTLY_ACTIVE_MS = IDLE_CAP_MS;
/** The heatmap and the feedback list show at most this many rows: the ones that fail most. */
export const MAX_HEATMAP_ROWS = 30;

export type CellState = 'not-started' | 'in-progress' | 'complete';

export interface ClassCell {
  labId: string;
  state: CellState;
  /** The attempt the cell describes (its replay), null when not started. */
  attemptId: string | null;
  /** In progress: the first step whose checks do not all pass (null when every check passes). */
  step: { id: string; title: string; number: number } | null;
  stepCount: number;
  checksPassed: number;
  checksTotal: number;
  /** Complete: the attempt's recorded active time; in progress: active time so far. */
  timeSpentSeconds: number | null;
  hintsUsed: number | null;
  dueAt: string | null;
  /** Completed after the due date, or not complete and the due date has passed. */
  late: boolean;
  completedAt: string | null;
  /** The learner's last command or hint in this attempt (its start when there is none). */
  lastActiveAt: string | null;
}

export interface ClassRow {
  userId: string;
  name: string;
  email: string;
  cells: ClassCell[];
}

export interface ClassLab {
  labId: string;
  title: string;
  dueAt: string | null;
  /** Written in the browser (issue 20); its page is `href`. */
  authored: boolean;
  href: string;
}

/** One check of one lab, and how many members' latest result for it is failing. */
export interface HeatmapRow {
  labId: string;
  labTitle: string;
  checkId: string;
  checkTitle: string;
  stepTitle: string;
  failing: number;
  /** Members with any result for this check (the heat is failing out of these). */
  graded: number;
}

export interface FeedbackRow {
  labId: string;
  checkId: string;
  feedbackId: string;
  count: number;
}

export interface StuckLearner {
  userId: string;
  name: string;
  labId: string;
  labTitle: string;
  attemptId: string;
  stepId: string;
  stepTitle: string;
  /** Since when the learner has been on this step. */
  since: string;
  minutes: number;
}

export interface ClassView {
  cohort: { id: string; name: string; stuckAfterMinutes: number };
  labs: ClassLab[];
  rows: ClassRow[];
  heatmap: HeatmapRow[];
  feedback: FeedbackRow[];
  stuck: StuckLearner[];
  generatedAt: string;
}

interface AttemptRow {
  id: string;
  userId: string;
  labId: string;
  labVersionId: string | null;
  status: string;
  createdAt: Date;
  completedAt: Date | null;
  timeSpentSeconds: number | null;
  hintsUsed: number | null;
  checks: Array<{ checkId: string; passed: boolean; feedbackId: string; updatedAt: Date }>;
}

interface VerdictEvent {
  checkId: string;
  passed: boolean;
  at: Date;
}

/** The class view, or null when `viewer` may not manage the cohort (or it does not exist). */
export async function classViewFor(viewer: SessionUser | null, cohortId: string, now = new Date()): Promise<ClassView | null> {
  if (!(await canManageCohort(viewer, cohortId))) return null;
  return classView(cohortId, now);
}

/** The class view of a cohort, unchecked: callers go through classViewFor. */
export async function classView(cohortId: string, now = new Date()): Promise<ClassView | null> {
  const db = getDb();
  const cohort = await db.cohort.findUnique({
    where: { id: cohortId },
    select: { id: true, name: true, stuckAfterMinutes: true, members: { select: { user: { select: { id: true, name: true, email: true } } } } },
  });
  if (!cohort) return null;
  const assigned = await cohortLabs(cohortId);
  const labs = new Map<string, Lab>();
  for (const { labId, authored } of assigned) {
    const lab = authored ? (await currentPublishedLab(labId))?.lab : await findLab(labId);
    if (lab) labs.set(labId, lab);
  }
  const members = cohort.members.map((m) => m.user).sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
  const attempts: AttemptRow[] = await db.attempt.findMany({
    where: { userId: { in: members.map((m) => m.id) }, labId: { in: [...labs.keys()] }, kind: 'lab' },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      userId: true,
      labId: true,
      labVersionId: true,
      status: true,
      createdAt: true,
      completedAt: true,
      timeSpentSeconds: true,
      hintsUsed: true,
      checks: { select: { checkId: true, passed: true, feedbackId: true, updatedAt: true } },
    },
  });

  // One attempt speaks for each learner × lab (see representative()); only those are read further.
  const byLearnerLab = new Map<string, AttemptRow[]>();
  for (const attempt of attempts) {
    const key = `${attempt.userId}|${attempt.labId}`;
    byLearnerLab.set(key, [...(byLearnerLab.get(key) ?? []), attempt]);
  }
  const chosen = new Map<string, AttemptRow>();
  for (const [key, list] of byLearnerLab) chosen.set(key, representative(list)!);
  // The version each chosen attempt of an authored lab pinned, loaded once per version.
  const pinned = new Map<string, Lab>();
  for (const attempt of chosen.values()) {
    if (!attempt.labVersionId || pinned.has(attempt.labVersionId)) continue;
    const lab = await versionLab(attempt.labId, attempt.labVersionId);
    if (lab) pinned.set(attempt.labVersionId, lab);
  }
  const unfinished = [...chosen.values()].filter((a) => !a.completedAt).map((a) => a.id);
  const [commands, hints, events] = await Promise.all([
    db.commandEvent.findMany({ where: { attemptId: { in: unfinished } }, select: { attemptId: true, at: true } }),
    db.hintReveal.findMany({ where: { attemptId: { in: unfinished } }, select: { attemptId: true, at: true } }),
    db.checkEvent.findMany({ where: { attemptId: { in: unfinished } }, orderBy: [{ at: 'asc' }, { id: 'asc' }], select: { attemptId: true, checkId: true, passed: true, at: true } }),
  ]);
  const group = <T extends { attemptId: string }>(rows: T[]) => {
    const byAttempt = new Map<string, T[]>();
    for (const row of rows) byAttempt.set(row.attemptId, [...(byAttempt.get(row.attemptId) ?? []), row]);
    return byAttempt;
  };
  const commandsOf = group(commands);
  const hintsOf = group(hints);
  const eventsOf = group(events);

  const heat = new Map<string, HeatmapRow>();
  const feedback = new Map<string, FeedbackRow>();
  const stuck: StuckLearner[] = [];
  const rows: ClassRow[] = members.map((member) => ({
    userId: member.id,
    name: member.name,
    email: member.email,
    cells: assigned.map(({ labId, dueAt }) => {
      const current = labs.get(labId);
      const attempt = chosen.get(`${member.id}|${labId}`);
      if (!current) return emptyCell(labId, 0, 0, dueAt, now);
      const lab = (attempt?.labVersionId && pinned.get(attempt.labVersionId)) || current;
      const checks = lab.steps.flatMap((step) => step.checks.map((check) => ({ check, step })));
      if (!attempt) return emptyCell(labId, lab.steps.length, checks.length, dueAt, now);

      for (const { check, step } of checks) {
        const result = attempt.checks.find((r) => r.checkId === check.id);
        if (!result) continue;
        const key = `${labId}|${check.id}`;
        const row = heat.get(key) ?? { labId, labTitle: current.title, checkId: check.id, checkTitle: check.title, stepTitle: step.title, failing: 0, graded: 0 };
        row.graded++;
        if (!result.passed) {
          row.failing++;
          const fKey = `${key}|${result.feedbackId}`;
          const f = feedback.get(fKey) ?? { labId, checkId: check.id, feedbackId: result.feedbackId, count: 0 };
          f.count++;
          feedback.set(fKey, f);
        }
        heat.set(key, row);
      }

      const passed = new Set(attempt.checks.filter((r) => r.passed).map((r) => r.checkId));
      const checksPassed = checks.filter(({ check }) => passed.has(check.id)).length;
      const base = { labId, attemptId: attempt.id, stepCount: lab.steps.length, checksTotal: checks.length, dueAt: dueAt?.toISOString() ?? null };
      if (attempt.completedAt) {
        return {
          ...base,
          state: 'complete',
          step: null,
          checksPassed: checks.length,
          timeSpentSeconds: attempt.timeSpentSeconds,
          hintsUsed: attempt.hintsUsed,
          late: dueAt !== null && attempt.completedAt > dueAt,
          completedAt: attempt.completedAt.toISOString(),
          lastActiveAt: attempt.completedAt.toISOString(),
        } satisfies ClassCell;
      }

      const commandTimes = (commandsOf.get(attempt.id) ?? []).map((c) => c.at);
      const hintTimes = (hintsOf.get(attempt.id) ?? []).map((h) => h.at);
      const lastActive = new Date(Math.max(attempt.createdAt.getTime(), ...commandTimes.map(Number), ...hintTimes.map(Number)));
      const index = currentStepIndex(lab, passed);
      const step = index < 0 ? null : { id: lab.steps[index].id, title: lab.steps[index].title, number: index + 1 };
      if (step) {
        const since = stepSince(lab, index, attempt, eventsOf.get(attempt.id) ?? []);
        const minutes = Math.floor((now.getTime() - since.getTime()) / 60_000);
        if (minutes >= cohort.stuckAfterMinutes && now.getTime() - lastActive.getTime() <= RECENTLY_ACTIVE_MS) {
          stuck.push({ userId: member.id, name: member.name, labId, labTitle: current.title, attemptId: attempt.id, stepId: step.id, stepTitle: step.title, since: since.toISOString(), minutes });
        }
      }
      return {
        ...base,
        state: 'in-progress',
        step,
        checksPassed,
        // The time up to the last command, as completion will count it: an idle learner's clock stops.
        timeSpentSeconds: activeSeconds([attempt.createdAt, ...commandTimes]),
        hintsUsed: hintTimes.length,
        late: dueAt !== null && now > dueAt,
        completedAt: null,
        lastActiveAt: lastActive.toISOString(),
      } satisfies ClassCell;
    }),
  }));

  const byCount = (a: { count?: number; failing?: number; labId: string }, b: typeof a) =>
    (b.failing ?? b.count ?? 0) - (a.failing ?? a.count ?? 0) || a.labId.localeCompare(b.labId);
  return {
    cohort: { id: cohort.id, name: cohort.name, stuckAfterMinutes: cohort.stuckAfterMinutes },
    labs: assigned.map((l) => ({ labId: l.labId, title: l.title, dueAt: l.dueAt?.toISOString() ?? null, authored: l.authored, href: l.href })),
    rows,
    heatmap: [...heat.values()].filter((r) => r.failing > 0).sort(byCount).slice(0, MAX_HEATMAP_ROWS),
    feedback: [...feedback.values()].sort(byCount).slice(0, MAX_HEATMAP_ROWS),
    stuck: stuck.sort((a, b) => b.minutes - a.minutes),
    generatedAt: now.toISOString(),
  };
}

function emptyCell(labId: string, stepCount: number, checksTotal: number, dueAt: Date | null, now: Date): ClassCell {
  return {
    labId,
    state: 'not-started',
    attemptId: null,
    step: null,
    stepCount,
    checksPassed: 0,
    checksTotal,
    timeSpentSeconds: null,
    hintsUsed: null,
    dueAt: dueAt?.toISOString() ?? null,
    late: dueAt !== null && now > dueAt,
    completedAt: null,
    lastActiveAt: null,
  };
}

/**
 * The attempt a cell describes: the first one completed (the lab counts as done from then, as on
 * the learner's progress page, even if they reset and started again), else the open one, else
 * the latest (a reset one: started, never finished). `attempts` are oldest first.
 */
export function representative<T extends { status: string; completedAt: Date | null }>(attempts: readonly T[]): T | undefined {
  const completed = attempts.filter((a) => a.completedAt).sort((a, b) => a.completedAt!.getTime() - b.completedAt!.getTime());
  return completed[0] ?? attempts.find((a) => a.status !== 'reset') ?? attempts.at(-1);
}

/** The first step with a check not (yet) passing; -1 when every check passes. A step without checks never holds a learner. */
export function currentStepIndex(lab: Pick<Lab, 'steps'>, passed: ReadonlySet<string>): number {
  return lab.steps.findIndex((step) => step.checks.some((check) => !passed.has(check.id)));
}

/**
 * Since when the learner has been on step `index`: the latest of the attempt's start, the moment
 * each earlier step's check last changed verdict (they all pass now: that was the step being
 * left), and the moment a check of this step turned red after having been green (a regression
 * that brought the learner back here). The verdict changes come from CheckEvent; a check with no
 * events falls back to its result's updatedAt, which is the last time it was graded, so the
 * estimate errs towards "not stuck".
 */
export function stepSince(
  lab: Pick<Lab, 'steps'>,
  index: number,
  attempt: Pick<AttemptRow, 'createdAt' | 'checks'>,
  events: readonly VerdictEvent[],
): Date {
  let since = attempt.createdAt.getTime();
  const eventsFor = (checkId: string) => events.filter((e) => e.checkId === checkId);
  for (const step of lab.steps.slice(0, index)) {
    for (const check of step.checks) {
      const own = eventsFor(check.id);
      const at = own.length > 0 ? own.at(-1)!.at : attempt.checks.find((r) => r.checkId === check.id)?.updatedAt;
      if (at) since = Math.max(since, at.getTime());
    }
  }
  for (const check of lab.steps[index]?.checks ?? []) {
    const own = eventsFor(check.id);
    own.forEach((event, i) => {
      if (i > 0 && !event.passed && own[i - 1].passed) since = Math.max(since, event.at.getTime());
    });
  }
  return new Date(since);
}
