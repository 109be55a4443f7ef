// What a cohort works on. The course catalogue as cohorts see it (modules in order, each with the
// labs that sit on the course path in it), the labs written in the browser that a cohort may be
// given (issue 20: its owner's published labs, and labs an admin published to everyone), the check
// of an instructor's selection against both, and `cohortLabs`: the one answer to "which labs does
// this cohort do, and when are they due", which the settings page, the learner's account page and
// the class view all read.

import { listModules } from '../_lessons/catalogue';
import { currentPublishedLab } from './authored-labs/attempt-lab';
import { coursePath } from './course-path';
import { getDb } from './db';

export interface CatalogueLab {
  labId: string;
  title: string;
  moduleSlug: string;
}

export interface CatalogueModule {
  slug: string;
  title: string;
  /** The labs listed by the module's manifest, on the course path or not. */
  listedLabs: string[];
  /** The labs whose place on the course path is in this module, in course order. */
  labs: CatalogueLab[];
}

export interface CohortLabEntry {
  labId: string;
  title: string;
  moduleSlug: string;
  dueAt: Date | null;
  /** Written in the browser (an authored lab) rather than a content/labs folder of the course. */
  authored: boolean;
  /** Where a learner opens it: /labs/<id>, or /labs/custom/<id> for an authored lab. */
  href: string;
}

/** A published authored lab a cohort may be given, titled as its current version says. */
export interface AuthoredCatalogueLab extends CatalogueLab {
  ownerId: string;
  audience: 'cohorts' | 'everyone';
}

const courseEntry = (lab: CatalogueLab, dueAt: Date | null): CohortLabEntry => ({ ...lab, dueAt, authored: false, href: `/labs/${lab.labId}` });
const authoredEntry = (lab: AuthoredCatalogueLab, dueAt: Date | null): CohortLabEntry => ({
  labId: lab.labId,
  title: lab.title,
  moduleSlug: lab.moduleSlug,
  dueAt,
  authored: true,
  href: `/labs/custom/${lab.labId}`,
});

/** Every lab of the course in course order (each once, in its home module). */
export async function courseLabs(): Promise<CatalogueLab[]> {
  return (await coursePath())
    .filter((item) => item.kind === 'lab')
    .map((item) => ({ labId: item.key, title: item.title, moduleSlug: item.moduleSlug }));
}

export async function courseModulesWithLabs(): Promise<CatalogueModule[]> {
  const [modules, labs] = await Promise.all([listModules(), courseLabs()]);
  return modules.map((courseModule) => ({
    slug: courseModule.slug,
    title: courseModule.title,
    listedLabs: courseModule.labs,
    labs: labs.filter((lab) => lab.moduleSlug === courseModule.slug),
  }));
}

/**
 * The published authored labs a cohort run by `ownerId` may be given: the ones its owner wrote
 * (whatever their audience: the cohort's members may see them, authz.ts canViewAuthoredLab) and
 * the ones published to everyone, by title. A lab whose current version no longer loads is left
 * out. Its members can open every one of these, so giving one never hides it behind a 404.
 */
export async function assignableAuthoredLabs(ownerId: string): Promise<AuthoredCatalogueLab[]> {
  const rows = await getDb().authoredLab.findMany({
    where: { versions: { some: {} }, OR: [{ ownerId }, { audience: 'everyone' }] },
    select: { id: true },
  });
  const labs = await Promise.all(rows.map((row) => currentPublishedLab(row.id)));
  return labs
    .flatMap((published) =>
      published ? [{ labId: published.lab.id, title: published.lab.title, moduleSlug: published.lab.module, ownerId: published.ownerId, audience: published.audience }] : [],
    )
    .sort((a, b) => a.title.localeCompare(b.title) || a.labId.localeCompare(b.labId));
}

async function cohortOwner(cohortId: string): Promise<string | null> {
  return (await getDb().cohort.findUnique({ where: { id: cohortId }, select: { ownerId: true } }))?.ownerId ?? null;
}

/** The published authored labs the cohort `cohortId` may be given (see assignableAuthoredLabs). */
export async function assignableAuthoredLabsOf(cohortId: string): Promise<AuthoredCatalogueLab[]> {
  const ownerId = await cohortOwner(cohortId);
  return ownerId ? assignableAuthoredLabs(ownerId) : [];
}

/**
 * The ids in `wanted` that the course does not know and that are no authored lab the cohort may be
 * given, to name in a refusal.
 */
export async function unknownSelection(cohortId: string, wanted: { moduleIds: string[]; labIds: string[] }): Promise<{ modules: string[]; labs: string[] }> {
  const [modules, labs, authored] = await Promise.all([listModules(), courseLabs(), assignableAuthoredLabsOf(cohortId)]);
  const moduleIds = new Set(modules.map((m) => m.slug));
  const labIds = new Set([...labs, ...authored].map((lab) => lab.labId));
  return {
    modules: wanted.moduleIds.filter((id) => !moduleIds.has(id)),
    labs: wanted.labIds.filter((id) => !labIds.has(id)),
  };
}

/**
 * The labs of a cohort: the course's in course order, then authored ones by title. Its CohortLab
 * rows (with their due dates) if it has any; else every lab its modules list (CohortModule) and
 * the owner's own published labs of those modules; else every lab of the course and every
 * published lab of the owner. (A lab an admin published to everyone counts only when chosen, so
 * it does not add a column to every cohort's class view.) An unknown cohort has none. Rows naming
 * a lab the course no longer has, or an authored lab deleted or no longer published to this
 * cohort, are skipped, so a removed lab does not break the pages that read this.
 */
export async function cohortLabs(cohortId: string): Promise<CohortLabEntry[]> {
  const cohort = await getDb().cohort.findUnique({
    where: { id: cohortId },
    select: { ownerId: true, labs: { select: { labId: true, dueAt: true } }, modules: { select: { moduleId: true } } },
  });
  if (!cohort) return [];
  const [labs, authored] = await Promise.all([courseLabs(), assignableAuthoredLabs(cohort.ownerId)]);
  if (cohort.labs.length > 0) {
    const due = new Map(cohort.labs.map((row) => [row.labId, row.dueAt]));
    return [
      ...labs.filter((lab) => due.has(lab.labId)).map((lab) => courseEntry(lab, due.get(lab.labId) ?? null)),
      ...authored.filter((lab) => due.has(lab.labId)).map((lab) => authoredEntry(lab, due.get(lab.labId) ?? null)),
    ];
  }
  const own = authored.filter((lab) => lab.ownerId === cohort.ownerId);
  if (cohort.modules.length > 0) {
    const chosen = new Set(cohort.modules.map((row) => row.moduleId));
    const listed = new Set((await listModules()).filter((m) => chosen.has(m.slug)).flatMap((m) => m.labs));
    return [
      ...labs.filter((lab) => listed.has(lab.labId)).map((lab) => courseEntry(lab, null)),
      ...own.filter((lab) => chosen.has(lab.moduleSlug)).map((lab) => authoredEntry(lab, null)),
    ];
  }
  return [...labs.map((lab) => courseEntry(lab, null)), ...own.map((lab) => authoredEntry(lab, null))];
}
