// The course search index, built once at build time from every lesson's sections (see
// app/search-index.json/route.ts) and loaded by the browser on the first search: no server work
// per query, and a lesson added to content/modules is searchable after the next build.

import { readFile } from 'node:fs/promises';
import MiniSearch from 'minisearch';
import { listModules } from './catalogue';
import { outlineLesson } from './lesson-outline';
import { SEARCH_OPTIONS, type SearchDocument } from './search-options';

const EXCERPT_CHARS = 180;

export async function searchDocuments(): Promise<SearchDocument[]> {
  const documents: SearchDocument[] = [];
  for (const courseModule of await listModules()) {
    for (const lesson of courseModule.lessons) {
      const outline = outlineLesson(await readFile(lesson.path, 'utf8'), lesson.path);
      const summary = typeof outline.frontmatter.summary === 'string' ? outline.frontmatter.summary : '';
      for (const section of outline.sections) {
        const href = section.id ? `${lesson.href}#${section.id}` : lesson.href;
        const text = section.id ? section.text : `${summary} ${section.text}`.trim();
        documents.push({
          id: href,
          href,
          lesson: lesson.title,
          module: `Module ${courseModule.order}: ${courseModule.title}`,
          heading: section.heading,
          text,
          excerpt: excerpt(text),
        });
      }
    }
  }
  return documents;
}

/** The serialised MiniSearch index the browser loads with MiniSearch.loadJSON. */
export async function buildSearchIndex(): Promise<string> {
  const index = new MiniSearch<SearchDocument>(SEARCH_OPTIONS);
  index.addAll(await searchDocuments());
  return JSON.stringify(index);
}

function excerpt(text: string): string {
  if (text.length <= EXCERPT_CHARS) return text;
  const cut = text.lastIndexOf(' ', EXCERPT_CHARS);
  return `${text.slice(0, cut > 0 ? cut : EXCERPT_CHARS)}…`;
}
