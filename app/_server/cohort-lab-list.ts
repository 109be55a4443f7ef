// The labs a cohort works on, in course order, with each one's due date: the cohort's own
// CohortLab rows if it has any, else the labs of its CohortModule modules, else every lab on the
// course path. Private to the class view for now; it answers the same question as cohorts.ts's
// cohortLabs(), written in parallel, and the two should become one.

import { listModules } from '../_lessons/catalogue';
import { coursePath } from './course-path';
import { getDb } from './db';
import { findLab } from './lab-catalogue';

export interface CohortLab {
  labId: string;
  title: string;
  dueAt: Date | null;
}

export async function cohortLabList(cohortId: string): Promise<CohortLab[]> {
  const db = getDb();
  const [labRows, moduleRows, path] = await Promise.all([
    db.cohortLab.findMany({ where: { cohortId }, select: { labId: true, dueAt: true } }),
    db.cohortModule.findMany({ where: { cohortId }, select: { moduleId: true } }),
    coursePath(),
  ]);
  const courseLabs = path.filter((item) => item.kind === 'lab').map((item) => item.key);
  const dueAt = new Map(labRows.map((row) => [row.labId, row.dueAt]));
  let labIds: string[];
  if (labRows.length > 0) labIds = labRows.map((row) => row.labId);
  else if (moduleRows.length > 0) {
    const chosen = new Set(moduleRows.map((row) => row.moduleId));
    labIds = (await listModules()).filter((m) => chosen.has(m.slug)).flatMap((m) => m.labs);
  } else labIds = courseLabs;

  // Course order; a lab the path does not hold (given to the cohort directly) goes last, by id.
  const position = (labId: string) => {
    const index = courseLabs.indexOf(labId);
    return index < 0 ? courseLabs.length : index;
  };
  const ordered = [...new Set(labIds)].sort((a, b) => position(a) - position(b) || a.localeCompare(b));
  const labs: CohortLab[] = [];
  for (const labId of ordered) {
    const lab = await findLab(labId);
    // A lab removed from content since it was given to the cohort is left out rather than shown empty.
    if (lab) labs.push({ labId, title: lab.title, dueAt: dueAt.get(labId) ?? null });
  }
  return labs;
}
