// A learner's progress in the labs written in the browser that they may open (issue 20), for the
// progress page beside the course's own labs: status, checks, best time, hints, first completion,
// as course-progress.ts gives for content labs. The checks counted are those of the version the
// learner's attempt pinned (a learner mid-attempt keeps the version they started), else the
// current version's. These labs are not part of the course's totals, which count the course.

import { listModules } from '../../_lessons/catalogue';
import { getProgress } from '../attempt-completion';
import type { SessionUser } from '../auth';
import type { LabRow } from '../course-progress';
import { getDb } from '../db';
import { labChecks } from '../lab-catalogue';
import { currentPublishedLab, versionLab } from './attempt-lab';
import { listVisibleAuthoredLabs } from './custom-lab-view';

export async function authoredLabProgress(viewer: SessionUser): Promise<LabRow[]> {
  const [visible, progress, modules] = await Promise.all([listVisibleAuthoredLabs(viewer), getProgress(viewer.id), listModules()]);
  const byLab = new Map(progress.map((row) => [row.labId, row]));
  const moduleTitles = new Map(modules.map((m) => [m.slug, m.title]));
  const rows: LabRow[] = [];
  for (const entry of visible) {
    const mine = byLab.get(entry.id);
    const pinned = mine ? (await getDb().attempt.findUnique({ where: { id: mine.attemptId }, select: { labVersionId: true } }))?.labVersionId : null;
    const lab = (pinned ? await versionLab(entry.id, pinned) : null) ?? (await currentPublishedLab(entry.id))?.lab;
    if (!lab) continue;
    const checksTotal = labChecks(lab).length;
    const status = !mine ? 'not-started' : mine.everCompleted ? 'completed' : 'in-progress';
    rows.push({
      labId: entry.id,
      title: entry.title,
      href: entry.href,
      moduleSlug: entry.module,
      moduleTitle: moduleTitles.get(entry.module) ?? entry.module,
      status,
      checksPassed: status === 'completed' ? checksTotal : (mine?.checksPassed ?? 0),
      checksTotal,
      bestTimeSeconds: mine?.bestTimeSeconds ?? null,
      hintsUsed: mine?.bestTimeHintsUsed ?? null,
      firstCompletedAt: mine?.firstCompletedAt?.toISOString() ?? null,
    });
  }
  return rows;
}
