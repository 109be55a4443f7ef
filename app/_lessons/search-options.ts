// The course search's one definition of what is indexed and how it is queried, shared by the
// build (which serialises the index) and the browser (which loads it): MiniSearch can only load
// an index with the options it was built with.

import type { Options, SearchOptions } from 'minisearch';

/** One searchable place: a section of a lesson, linked by its heading's anchor. */
export interface SearchDocument {
  id: string;
  href: string;
  lesson: string;
  module: string;
  heading: string;
  text: string;
  excerpt: string;
}

export type SearchHit = Pick<SearchDocument, 'href' | 'lesson' | 'module' | 'heading' | 'excerpt'>;

export const SEARCH_INDEX_PATH = '/search-index.json';

export const SEARCH_OPTIONS: Options<SearchDocument> = {
  fields: ['lesson', 'heading', 'text', 'module'],
  storeFields: ['href', 'lesson', 'module', 'heading', 'excerpt'],
};

export const QUERY_OPTIONS: SearchOptions = {
  boost: { lesson: 3, heading: 2, module: 1.5 },
  prefix: true,
  fuzzy: 0.2,
  combineWith: 'AND',
};

/** At most this many hits are shown; a learner refines the query rather than scrolls. */
export const MAX_HITS = 8;
