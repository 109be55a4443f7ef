// The course catalogue: every module under content/modules/<NN-slug>/, its validated manifest and
// its lessons, plus the one compiled lesson a page asks for. The app reads content only through
// here, so a broken manifest fails the build with a message that names the file.

import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { compileLessonFile, type CompiledLesson } from './compile-lesson';
import { ContentError, parseModuleManifest, type LessonEntry } from './module-manifest';

const MODULE_DIR = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

export interface LessonRef extends LessonEntry {
  /** Absolute path of the lesson's MDX file. */
  path: string;
  href: string;
}

export interface CourseModule {
  slug: string;
  title: string;
  order: number;
  summary: string;
  lessons: LessonRef[];
  labs: string[];
  /** The lab the lesson pages' terminal runs instead of labs[0] (module.yaml `sandbox:`). */
  sandbox?: string;
}

export interface Lesson {
  module: CourseModule;
  lesson: LessonRef;
  compiled: CompiledLesson;
  previous: LessonRef | null;
  next: LessonRef | null;
}

export interface Catalogue {
  listModules(): Promise<CourseModule[]>;
  getModule(moduleSlug: string): Promise<CourseModule | null>;
  getLesson(moduleSlug: string, lessonSlug: string): Promise<Lesson | null>;
  /** Every {module, lesson} pair, for generateStaticParams. */
  lessonParams(): Promise<{ module: string; lesson: string }[]>;
}

export function createCatalogue(modulesDir: string, options: { reload?: boolean } = {}): Catalogue {
  let modules: Promise<CourseModule[]> | null = null;
  const listModules = () => {
    // In dev, manifests are re-read so an author's edit shows on reload; compiled MDX is cached by hash anyway.
    if (!modules || options.reload) modules = loadModules(modulesDir);
    return modules;
  };
  const getModule = async (slug: string) => (await listModules()).find((m) => m.slug === slug) ?? null;
  return {
    listModules,
    getModule,
    async getLesson(moduleSlug, lessonSlug) {
      const courseModule = await getModule(moduleSlug);
      const index = courseModule?.lessons.findIndex((l) => l.slug === lessonSlug) ?? -1;
      if (!courseModule || index < 0) return null;
      const lesson = courseModule.lessons[index];
      return {
        module: courseModule,
        lesson,
        compiled: await compileLessonFile(lesson.path),
        previous: courseModule.lessons[index - 1] ?? null,
        next: courseModule.lessons[index + 1] ?? null,
      };
    },
    async lessonParams() {
      return (await listModules()).flatMap((m) => m.lessons.map((l) => ({ module: m.slug, lesson: l.slug })));
    },
  };
}

async function loadModules(modulesDir: string): Promise<CourseModule[]> {
  const entries = await readdir(modulesDir, { withFileTypes: true }).catch(() => {
    throw new ContentError(`${modulesDir}: no modules folder; create content/modules/<NN-slug>/module.yaml`);
  });
  const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const labIds = await existingLabIds(join(modulesDir, '..', 'labs'));
  const modules = await Promise.all(folders.map((folder) => loadModule(modulesDir, folder, labIds)));
  checkUnique(modules, (m) => m.slug, 'module slug', 'rename one folder');
  checkUnique(modules, (m) => String(m.order), 'order', 'give each module its own order:');
  return modules.sort((a, b) => a.order - b.order);
}

/** The ids of content/labs/<id>/ folders holding a lab.yaml, beside the modules folder. */
async function existingLabIds(labsDir: string): Promise<Set<string>> {
  const entries = await readdir(labsDir, { withFileTypes: true }).catch(() => []);
  return new Set(entries.filter((e) => e.isDirectory() && existsSync(join(labsDir, e.name, 'lab.yaml'))).map((e) => e.name));
}

async function loadModule(modulesDir: string, folder: string, labIds: ReadonlySet<string>): Promise<CourseModule> {
  const dir = join(modulesDir, folder);
  const label = displayPath(join(dir, 'module.yaml'));
  const name = MODULE_DIR.exec(folder);
  if (!name) throw new ContentError(`${displayPath(dir)}: a module folder is named <two digits>-<slug>, e.g. 01-pod-network`);
  const text = await readFile(join(dir, 'module.yaml'), 'utf8').catch(() => {
    throw new ContentError(`${label}: missing; every module folder needs a module.yaml (title, order, summary, lessons, labs)`);
  });
  const manifest = parseModuleManifest(text, label, { labIds });
  const slug = name[2];
  const lessons = manifest.lessons.map((entry, index) => {
    const path = join(dir, entry.file);
    if (!existsSync(path)) {
      throw new ContentError(`${label}: lessons[${index}].file: ${entry.file} does not exist in ${displayPath(dir)}; create it or fix the name`);
    }
    return { ...entry, path, href: `/learn/${slug}/${entry.slug}` };
  });
  return { slug, title: manifest.title, order: manifest.order, summary: manifest.summary, lessons, labs: manifest.labs, ...(manifest.sandbox ? { sandbox: manifest.sandbox } : {}) };
}

function checkUnique(modules: CourseModule[], key: (m: CourseModule) => string, what: string, fix: string) {
  const seen = new Map<string, string>();
  for (const courseModule of modules) {
    const value = key(courseModule);
    const other = seen.get(value);
    if (other) throw new ContentError(`modules "${other}" and "${courseModule.slug}" have the same ${what} ${value}: ${fix}`);
    seen.set(value, courseModule.slug);
  }
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

const contentDir = () => process.env.FLATNET_CONTENT_DIR ?? join(process.cwd(), 'content');

/** The course as the app serves it. */
export const catalogue: Catalogue = createCatalogue(join(contentDir(), 'modules'), {
  reload: process.env.NODE_ENV === 'development',
});
export const { listModules, getModule, getLesson, lessonParams } = catalogue;
