// GET /search-index.json: the course search index, rendered once at build time (force-static)
// and served as a static file; the browser fetches it the first time a learner searches.

import { buildSearchIndex } from '@/app/_lessons/search-index';

export const dynamic = 'force-static';

export async function GET(): Promise<Response> {
  return new Response(await buildSearchIndex(), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}
