// Pipeline step before MDX: splits a lesson's YAML frontmatter off its body. The frontmatter
// lines are replaced by blank lines rather than cut, so the line numbers in MDX errors are the
// line numbers the author sees in the file. Parsed with the same YAML limits as manifests.

import { parse as parseYaml } from 'yaml';
import { ContentError } from './module-manifest';

export interface SplitLesson {
  frontmatter: Record<string, unknown>;
  body: string;
}

const FRONTMATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export function splitFrontmatter(source: string, fileLabel: string): SplitLesson {
  const match = FRONTMATTER.exec(source);
  if (!match) return { frontmatter: {}, body: source };
  let data: unknown;
  try {
    data = parseYaml(match[1], { maxAliasCount: 20 });
  } catch (error) {
    throw new ContentError(`${fileLabel}: the frontmatter between the --- lines is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (data !== null && (typeof data !== 'object' || Array.isArray(data))) {
    throw new ContentError(`${fileLabel}: the frontmatter must be key: value pairs, e.g. summary: One sentence`);
  }
  const blank = '\n'.repeat(match[0].split('\n').length - 1);
  return { frontmatter: (data ?? {}) as Record<string, unknown>, body: blank + source.slice(match[0].length) };
}
