// The course as one path a learner walks: each module's lessons in order, then its labs, then
// the next module. Previous/next links on lessons and labs, the "next" after a completed lab and
// "continue where you left off" all read this one order.

import { listModules } from '../_lessons/catalogue';
import { findLab } from './lab-catalogue';
import { lessonKey } from './lesson-progress';

export type PathItem =
  | { kind: 'lesson'; key: string; moduleSlug: string; title: string; href: string }
  | { kind: 'lab'; key: string; moduleSlug: string; title: string; href: string };

/** A link to a place on the path, as pages render it. */
export interface PathLink {
  kind: PathItem['kind'];
  title: string;
  href: string;
}

export async function coursePath(): Promise<PathItem[]> {
  const modules = await listModules();
  const items: PathItem[] = [];
  for (const courseModule of modules) {
    for (const lesson of courseModule.lessons) {
      items.push({ kind: 'lesson', key: lessonKey(courseModule.slug, lesson.slug), moduleSlug: courseModule.slug, title: lesson.title, href: lesson.href });
    }
    for (const labId of courseModule.labs) {
      const lab = await findLab(labId);
      if (lab && homeModule(modules, lab) === courseModule.slug) items.push({ kind: 'lab', key: lab.id, moduleSlug: courseModule.slug, title: lab.title, href: `/labs/${lab.id}` });
    }
  }
  return items;
}

/**
 * A lab may serve several modules (as their sandbox, or as a later exercise), but it sits on the
 * path once: in the module its lab.yaml names, or else the first module that lists it.
 */
export function homeModule(modules: { slug: string; labs: string[] }[], lab: { id: string; module: string }): string | undefined {
  const listing = modules.filter((m) => m.labs.includes(lab.id));
  return (listing.find((m) => m.slug === lab.module) ?? listing[0])?.slug;
}

export function toLink(item: PathItem | undefined): PathLink | null {
  return item ? { kind: item.kind, title: item.title, href: item.href } : null;
}

/** The places before and after a lesson (by key) or lab (by id) on the path. */
export async function neighbours(kind: PathItem['kind'], key: string): Promise<{ previous: PathLink | null; next: PathLink | null }> {
  const path = await coursePath();
  const index = path.findIndex((item) => item.kind === kind && item.key === key);
  if (index < 0) return { previous: null, next: null };
  return { previous: toLink(path[index - 1]), next: toLink(path[index + 1]) };
}
