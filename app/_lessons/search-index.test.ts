// The course search on the real content: the index the build serialises loads in a fresh
// MiniSearch exactly as the browser loads it, every lesson is found by its title, and a section's
// own heading leads to that section's anchor.

import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, searchDocuments } from './search-index';
import { MAX_HITS, QUERY_OPTIONS, SEARCH_OPTIONS, type SearchDocument } from './search-options';

const documents = await searchDocuments();
const index = MiniSearch.loadJSON<SearchDocument>(await buildSearchIndex(), SEARCH_OPTIONS);
const top = (query: string) => index.search(query, QUERY_OPTIONS).slice(0, MAX_HITS).map((hit) => hit.href as string);

describe('the course search index', () => {
  it('holds every section of every lesson, each with a link, its lesson and module, and an excerpt', () => {
    expect(documents.length).toBeGreaterThan(50);
    expect(new Set(documents.map((d) => d.id)).size).toBe(documents.length);
    for (const d of documents) {
      expect(d.href).toMatch(/^\/learn\/[a-z0-9-]+\/[a-z0-9-]+(#[a-z0-9-]+)?$/);
      expect(d.module).toMatch(/^Module \d+: /);
      expect(d.excerpt.length).toBeLessThanOrEqual(181);
    }
  });

  it('finds every lesson by its title', () => {
    const lessons = new Map(documents.map((d) => [d.lesson, d.href.split('#')[0]]));
    for (const [title, href] of lessons) expect(top(title).map((h) => h.split('#')[0]), title).toContain(href);
  });

  it('leads a section’s own heading to that section', () => {
    const lessonsPerHeading = new Map<string, number>();
    for (const d of documents) lessonsPerHeading.set(d.heading, (lessonsPerHeading.get(d.heading) ?? 0) + 1);
    const unique = documents.filter((d) => d.heading && lessonsPerHeading.get(d.heading) === 1);
    expect(unique.length).toBeGreaterThan(20);
    for (const d of unique) expect(top(d.heading), d.heading).toContain(d.href);
  });

  it('answers nothing for a word no lesson uses', () => {
    expect(top('xylophonequartz')).toEqual([]);
  });
});
