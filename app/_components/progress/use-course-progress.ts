'use client';
// The signed-in learner's course progress (GET /api/progress), for the progress bars of static
// pages. Several bars on one page share one request; a later visit (back to `/` after a lab)
// asks again, so the bars always show what the server has recorded.

import { useEffect, useState } from 'react';
import type { CourseProgress } from '@/app/_server/course-progress';

export type ProgressState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'error' }
  | { status: 'ready'; progress: CourseProgress };

type Loaded = Exclude<ProgressState, { status: 'loading' }>;

/** Bars mounted together (one page) share a request made within this window. */
const SHARE_MS = 1500;
let shared: { at: number; promise: Promise<Loaded> } | null = null;

function load(): Promise<Loaded> {
  if (shared && Date.now() - shared.at < SHARE_MS) return shared.promise;
  const promise = fetch('/api/progress', { cache: 'no-store', credentials: 'same-origin' }).then(
    async (response): Promise<Loaded> => {
      if (response.status === 401) return { status: 'signed-out' };
      if (!response.ok) return { status: 'error' };
      return { status: 'ready', progress: (await response.json()) as CourseProgress };
    },
    (): Loaded => ({ status: 'error' }),
  );
  shared = { at: Date.now(), promise };
  return promise;
}

export function useCourseProgress(): ProgressState {
  const [state, setState] = useState<ProgressState>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    void load().then((loaded) => !cancelled && setState(loaded));
    return () => {
      cancelled = true;
    };
  }, []);
  return state;
}
