'use client';
// The header's course search: type a word (conntrack, ndots, endPort…) and jump to the lesson
// section that explains it. The index is a static file built with the site; it is fetched the
// first time the box gets focus, so pages that never search never pay for it. Enter opens the
// first hit, the arrow keys walk the list, Escape closes it.

import MiniSearch from 'minisearch';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { MAX_HITS, QUERY_OPTIONS, SEARCH_INDEX_PATH, SEARCH_OPTIONS, type SearchDocument, type SearchHit } from '@/app/_lessons/search-options';

type IndexState = { status: 'idle' | 'loading' | 'failed' } | { status: 'ready'; index: MiniSearch<SearchDocument> };

export function CourseSearch() {
  const router = useRouter();
  const listId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [state, setState] = useState<IndexState>({ status: 'idle' });
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);

  const load = () => {
    if (state.status === 'loading' || state.status === 'ready') return;
    setState({ status: 'loading' });
    fetch(SEARCH_INDEX_PATH)
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(String(response.status)))))
      .then((json) => setState({ status: 'ready', index: MiniSearch.loadJSON<SearchDocument>(json, SEARCH_OPTIONS) }))
      .catch(() => setState({ status: 'failed' }));
  };

  // Clicking anywhere else closes the list.
  useEffect(() => {
    const close = (event: MouseEvent) => {
      if (!formRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, []);

  const trimmed = query.trim();
  const hits: SearchHit[] =
    state.status === 'ready' && trimmed ? (state.index.search(trimmed, QUERY_OPTIONS).slice(0, MAX_HITS) as unknown as SearchHit[]) : [];

  const go = (href: string) => {
    setOpen(false);
    setQuery('');
    router.push(href);
  };

  const links = () => Array.from(formRef.current?.querySelectorAll<HTMLAnchorElement>('.course-search__hit') ?? []);
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      // Focus first: the box's onFocus opens the list, and the close must be the last word.
      formRef.current?.querySelector('input')?.focus();
      setOpen(false);
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const all = links();
    if (all.length === 0) return;
    event.preventDefault();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    const next = event.key === 'ArrowDown' ? Math.min(at + 1, all.length - 1) : at - 1;
    if (next < 0) formRef.current?.querySelector('input')?.focus();
    else all[next].focus();
  };

  return (
    <form
      ref={formRef}
      role="search"
      className="course-search"
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        if (hits[0]) go(hits[0].href);
      }}
    >
      <input
        type="search"
        className="course-search__input"
        aria-label="Search the course"
        placeholder="Search lessons"
        autoComplete="off"
        aria-controls={open && trimmed ? listId : undefined}
        value={query}
        onFocus={() => {
          load();
          setOpen(true);
        }}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
        }}
      />
      {open && trimmed && (
        <div className="course-search__results" id={listId}>
          {state.status === 'failed' && <p className="course-search__status" role="status">Search is unavailable right now; reload the page to try again.</p>}
          {(state.status === 'loading' || state.status === 'idle') && <p className="course-search__status" role="status">Loading the course index…</p>}
          {state.status === 'ready' && hits.length === 0 && <p className="course-search__status" role="status">No lesson mentions “{trimmed}”.</p>}
          {hits.length > 0 && (
            <ul aria-label={`Lessons matching ${trimmed}`}>
              {hits.map((hit) => (
                <li key={hit.href}>
                  <a
                    className="course-search__hit"
                    href={hit.href}
                    onClick={(event) => {
                      event.preventDefault();
                      go(hit.href);
                    }}
                  >
                    <span className="course-search__title">
                      {hit.lesson}
                      {hit.heading && <span className="course-search__heading"> › {hit.heading}</span>}
                    </span>
                    <span className="course-search__module">{hit.module}</span>
                    <span className="course-search__excerpt">{hit.excerpt}</span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
