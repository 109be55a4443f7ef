// The lab panel's requests to the attempt routes (app/api/attempts): find or start the learner's
// attempt of a kind (`lab`, `sandbox`, or an author's `trial` of a draft), reset it, open a hint.
// Each answers with data or a message to show.

import type { AttemptInfo, AttemptKind, RevealedHint } from './lab-types';

async function failure(response: Response): Promise<Error> {
  const body = (await response.json().catch(() => ({}))) as { message?: string };
  return new Error(body.message ?? `HTTP ${response.status}`);
}

/** The open attempt (created when `create`), 'signed-out', or null when there is none yet. */
export async function fetchAttempt(labId: string, kind: AttemptKind, create: boolean): Promise<AttemptInfo | 'signed-out' | null> {
  const response = create
    ? await fetch('/api/attempts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ labId, kind }) })
    : await fetch(`/api/attempts?labId=${encodeURIComponent(labId)}&kind=${kind}`, { cache: 'no-store' });
  if (response.status === 401) return 'signed-out';
  if (response.status === 404 && !create) return null;
  if (!response.ok) throw await failure(response);
  return (await response.json()) as AttemptInfo;
}

/** Closes the attempt and answers with a fresh one of the same kind. */
export async function resetAttempt(attemptId: string): Promise<AttemptInfo> {
  const response = await fetch(`/api/attempts/${encodeURIComponent(attemptId)}/reset`, { method: 'POST' });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as AttemptInfo;
}

/** Records an opened hint; answers with every hint opened in the attempt. */
export async function openHint(attemptId: string, stepId: string, hintIndex: number): Promise<RevealedHint[]> {
  const response = await fetch(`/api/attempts/${encodeURIComponent(attemptId)}/hints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ stepId, hintIndex }),
  });
  if (!response.ok) throw await failure(response);
  return ((await response.json()) as { revealedHints: RevealedHint[] }).revealedHints;
}

/** Steps without checks the learner marked done, kept in the browser per attempt (they grade nothing). */
export function loadReadSteps(attemptId: string): Set<string> {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(`flatnet:read-steps:${attemptId}`) ?? '[]');
    return new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  } catch {
    return new Set();
  }
}

export function saveReadSteps(attemptId: string, steps: ReadonlySet<string>): void {
  try {
    localStorage.setItem(`flatnet:read-steps:${attemptId}`, JSON.stringify([...steps]));
  } catch {
    // storage full or disabled: the step still shows done until the page reloads
  }
}
