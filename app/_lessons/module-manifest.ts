// The module manifest (content/modules/<NN-slug>/module.yaml): its zod schema and a parser whose
// errors name the file and the field and say how to fix it, so an author never has to read a
// stack trace to find a typo. Given the course's lab ids, it also refuses a `sandbox:` that names
// no lab, since the lesson pages would open a terminal on nothing.

import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = (what: string, example: string) =>
  z.string({ error: `${what} must be a string, e.g. ${example}` }).regex(SLUG, {
    error: `${what} must be lowercase letters, digits and single dashes, e.g. ${example}`,
  });

export const lessonEntrySchema = z.strictObject(
  {
    slug: slug('a lesson slug', 'pod-network-model'),
    title: z.string({ error: 'a lesson needs a title, e.g. title: The pod network model' }).min(1),
    file: z
      .string({ error: 'a lesson needs the MDX file it is written in, e.g. file: pod-network-model.mdx' })
      .regex(/^[\w-]+\.mdx$/, { error: 'file must name an .mdx file in the module folder, e.g. pod-network-model.mdx' }),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.join(', ')}: a lesson has slug, title and file` : undefined) },
);

export const moduleManifestSchema = z
  .strictObject(
    {
      title: z.string({ error: 'a module needs a title, e.g. title: The pod network' }).min(1),
      order: z.int({ error: 'order must be a whole number that places the module in the course, e.g. order: 1' }).min(0),
      summary: z.string({ error: 'summary must be one or two sentences of plain text' }).min(1),
      lessons: z.array(lessonEntrySchema, { error: 'lessons must be a list of {slug, title, file}' }).min(1, {
        error: 'a module needs at least one lesson under lessons:',
      }),
      labs: z.array(slug('a lab id', 'pod-network-basics')).default([]),
      /** The lab whose cluster the lesson pages' terminal runs, when the first of labs would not do (its cluster lacks what the lessons show). */
      sandbox: slug('sandbox', 'gateway-api-sandbox').optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown key(s) ${issue.keys.join(', ')}: a module has title, order, summary, lessons, labs and sandbox`
          : undefined,
    },
  )
  .superRefine((manifest, ctx) => {
    const seen = new Set<string>();
    manifest.lessons.forEach((lesson, index) => {
      if (seen.has(lesson.slug)) {
        ctx.addIssue({ code: 'custom', path: ['lessons', index, 'slug'], message: `lesson slug "${lesson.slug}" is used twice: give each lesson its own slug` });
      }
      seen.add(lesson.slug);
    });
  });

export type ModuleManifest = z.infer<typeof moduleManifestSchema>;
export type LessonEntry = z.infer<typeof lessonEntrySchema>;

export class ContentError extends Error {
  override name = 'ContentError';
}

/** What the lesson pages' terminal runs: the manifest's `sandbox`, else the module's first lab. */
export function sandboxLabOf(manifest: Pick<ModuleManifest, 'labs' | 'sandbox'>): string | undefined {
  return manifest.sandbox ?? manifest.labs[0];
}

export interface ManifestOptions {
  /** The labs that exist (content/labs/<id>/lab.yaml); when given, `sandbox` must name one of them. */
  labIds?: ReadonlySet<string>;
}

/** Parses and validates a manifest; throws one ContentError listing every problem. */
export function parseModuleManifest(text: string, fileLabel: string, options: ManifestOptions = {}): ModuleManifest {
  let data: unknown;
  try {
    // Manifests are small; a low alias limit turns a YAML alias bomb into an error, not a hang.
    data = parseYaml(text, { maxAliasCount: 20, prettyErrors: true });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const at = error.linePos ? `:${error.linePos[0].line}:${error.linePos[0].col}` : '';
      const reason = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      throw new ContentError(`${fileLabel}${at}: not valid YAML: ${reason}`);
    }
    // yaml throws a plain ReferenceError when maxAliasCount is exceeded.
    throw new ContentError(`${fileLabel}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = moduleManifestSchema.safeParse(data ?? {});
  if (result.success) {
    const { sandbox } = result.data;
    if (sandbox !== undefined && options.labIds && !options.labIds.has(sandbox)) {
      throw new ContentError(`${fileLabel}: sandbox: no lab "${sandbox}" in content/labs; create content/labs/${sandbox}/lab.yaml or name an existing lab`);
    }
    return result.data;
  }
  const problems = result.error.issues.map((issue) => `  ${fileLabel}: ${formatPath(issue.path) || '(top level)'}: ${issue.message}`);
  throw new ContentError(`${fileLabel} is not a valid module manifest:\n${problems.join('\n')}`);
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}
