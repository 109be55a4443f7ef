// Compiles one lesson's MDX into a function body with mdx-bundler, running the Flatnet remark
// steps (diagrams to SVG, runnable fences to Run buttons). Results are cached per file and
// content hash, so a build compiles each lesson once however many times a page, its metadata or
// its static params ask for it, and an edited file (in dev) compiles again.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { bundleMDX } from 'mdx-bundler';
import { splitFrontmatter } from './lesson-frontmatter';
import { remarkHeadingIds } from './heading-ids';
import { ContentError } from './module-manifest';
import { remarkMermaidSvg } from './remark-mermaid-svg';
import { remarkRunnableCode } from './remark-runnable-code';

export interface CompiledLesson {
  /** The body of a function that returns the MDX module; see lesson-content.tsx. */
  code: string;
  frontmatter: Record<string, unknown>;
}

interface CacheEntry {
  hash: string;
  result: Promise<CompiledLesson>;
}

const cache = new Map<string, CacheEntry>();
let compilations = 0;

/** How many times MDX was actually compiled in this process (tests and build logs read it). */
export function compilationCount(): number {
  return compilations;
}

export async function compileLessonFile(path: string): Promise<CompiledLesson> {
  const source = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ContentError(`${path}: cannot read the lesson file (${error.code ?? error.message}); check the file: field of its module.yaml`);
  });
  const hash = createHash('sha256').update(source).digest('hex');
  const cached = cache.get(path);
  if (cached?.hash === hash) return cached.result;
  const result = compileLessonSource(source, path);
  cache.set(path, { hash, result });
  // A failed compile must not stick: the author fixes the file and we try again.
  result.catch(() => cache.get(path)?.result === result && cache.delete(path));
  return result;
}

export async function compileLessonSource(source: string, path: string): Promise<CompiledLesson> {
  compilations += 1;
  const { frontmatter, body } = splitFrontmatter(source, path);
  try {
    const { code } = await bundleMDX({
      source: body,
      cwd: dirname(path),
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkHeadingIds, remarkMermaidSvg, remarkRunnableCode];
        return options;
      },
      esbuildOptions(options) {
        options.target = 'es2022';
        options.minify = true;
        // Errors are reported once, by us, with the file name; esbuild would print them again.
        options.logLevel = 'silent';
        return options;
      },
    });
    return { code, frontmatter };
  } catch (error) {
    throw new ContentError(`${path}: the lesson does not compile:\n${describeBuildError(error)}`);
  }
}

function describeBuildError(error: unknown): string {
  // esbuild reports MDX syntax errors as a list of messages with locations.
  const errors = (error as { errors?: { text: string; location?: { line: number; column: number } | null }[] }).errors;
  if (Array.isArray(errors) && errors.length > 0) {
    return errors
      .map((e) => {
        const text = e.text.replace(/^Cannot process MDX file with esbuild:\s*/, '').replace(/^\d+:\d+(?:-\d+:\d+)?: /, '');
        return `  ${e.location ? `line ${e.location.line}:${e.location.column + 1}: ` : ''}${text}`;
      })
      .join('\n');
  }
  return `  ${error instanceof Error ? error.message : String(error)}`;
}
