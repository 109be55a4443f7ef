// What a cohort works on. The course catalogue as cohorts see it (modules in order, each with the
// labs that sit on the course path in it), the check of an instructor's selection against it, and
// `cohortLabs`: the one answer to "which labs does this cohort do, and when are they due", which the
// settings page, the learner's account page and the class view all read.

import { listModules } from '../_lessons/catalogue';
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
}

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

/** The ids in `wanted` that the catalogue does not know, to name in a refusal. */
export async function unknownSelection(wanted: { moduleIds: string[]; labIds: string[] }): Promise<{ modules: string[]; labs: string[] }> {
  const [modules, labs] = await Promise.all([listModules(), courseLabs()]);
  const moduleIds = new Set(modules.map((m) => m.slug));
  const labIds = new Set(labs.map((lab) => lab.labId));
  return {
    modules: wanted.moduleIds.filter((id) => !moduleIds.has(id)),
    labs: wanted.labIds.filter((id) => !labIds.has(id)),
  };
}

/**
 * The labs of a cohort, in course order: its CohortLab rows (with their due dates) if it has any,
 * else every lab its modules list (CohortModule), else every lab of the course. An unknown cohort
 * has none. Rows naming a lab the course no longer has are skipped, so a removed lab does not
 * break the pages that read this.
 */
export async function cohortLabs(cohortId: string): Promise<CohortLabEntry[]> {
  const cohort = await getDb().cohort.findUnique({
    where: { id: cohortId },
    select: { labs: { select: { labId: true, dueAt: true } }, modules: { select: { moduleId: true } } },
  });
  if (!cohort) return [];
  const labs = await courseLabs();
  if (cohort.labs.length > 0) {
    const due = new Map(cohort.labs.map((row) => [row.labId, row.dueAt]));
    return labs.filter((lab) => due.has(lab.labId)).map((lab) => ({ ...lab, dueAt: due.get(lab.labId) ?? null }));
  }
  if (cohort.modules.length > 0) {
    const chosen = new Set(cohort.modules.map((row) => row.moduleId));
    const listed = new Set((await listModules()).filter((m) => chosen.has(m.slug)).flatMap((m) => m.labs));
    return labs.filter((lab) => listed.has(lab.labId)).map((lab) => ({ ...lab, dueAt: null }));
  }
  return labs.map((lab) => ({ ...lab, dueAt: null }));
}
