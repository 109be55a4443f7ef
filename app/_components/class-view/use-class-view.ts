'use client';
// The class view kept live: starts from the view the page rendered, then applies each `view`
// event of GET /api/cohorts/[id]/class-view/events. EventSource reconnects by itself after a
// dropped connection (the server says how soon); `gone` means the cohort is no longer ours to see.

import { useEffect, useState } from 'react';
import type { ClassView } from '@/app/_server/class-view';

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'gone';

export function useClassView(initial: ClassView): { view: ClassView; live: LiveState } {
  const [view, setView] = useState(initial);
  const [live, setLive] = useState<LiveState>('connecting');
  const cohortId = initial.cohort.id;

  useEffect(() => {
    const source = new EventSource(`/api/cohorts/${encodeURIComponent(cohortId)}/class-view/events`);
    source.onopen = () => setLive('live');
    source.onerror = () => setLive(source.readyState === EventSource.CLOSED ? 'gone' : 'reconnecting');
    source.addEventListener('view', (event) => {
      try {
        setView(JSON.parse((event as MessageEvent<string>).data) as ClassView);
        setLive('live');
      } catch {
        // A malformed event is skipped; the next one replaces the whole view anyway.
      }
    });
    source.addEventListener('gone', () => {
      source.close();
      setLive('gone');
    });
    return () => source.close();
  }, [cohortId]);

  return { view, live };
}
