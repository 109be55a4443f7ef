// Who may do what, asked of the real route handlers and server actions (issue 19's authorization
// acceptance), on a temporary database with real better-auth sessions; `next/headers` answers
// with the session cookie of whoever is "calling". A learner cannot open hints in, reset or read
// another learner's attempt by guessing its id — the answer is the same 404 as for an id that does
// not exist — nor read another's progress; an instructor who does not run the learner's cohort
// cannot either; /admin's actions refuse an instructor and a learner and work for an admin.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signInCookie } from './auth-test-kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const caller = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({ headers: async () => caller.headers }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const scratch = mkdtempSync(join(tmpdir(), 'flatnet-authorization-'));
process.env.DATABASE_URL = `file:${join(scratch, 'authorization.db')}`;
delete process.env.BETTER_AUTH_SECRET;
delete process.env.BETTER_AUTH_URL;

const { auth } = await import('./auth');
const { getDb, disconnectDb } = await import('./db');
const { createAccount } = await import('./user-accounts');
const attemptsRoute = await import('../api/attempts/route');
const hintsRoute = await import('../api/attempts/[attemptId]/hints/route');
const resetRoute = await import('../api/attempts/[attemptId]/reset/route');
const progressRoute = await import('../api/progress/route');
const adminActions = await import('../admin/actions');
const { EMPTY_ADMIN_FORM } = await import('../admin/admin-form-state');

const ORIGIN = 'http://127.0.0.1:41237';
const LAB = 'pod-network-basics';
type Who = 'ada' | 'bob' | 'tess' | 'root' | 'nobody';
const cookies: Partial<Record<Who, string>> = {};

const signIn = (email: string, password: string) => signInCookie(auth, ORIGIN, email, password);

/** Makes the next handler call come from `who`, from Flatnet's own origin. */
function as(who: Who): void {
  const headers = new Headers({ host: new URL(ORIGIN).host, origin: ORIGIN });
  if (who !== 'nobody') headers.set('cookie', cookies[who]!);
  caller.headers = headers;
}

function post(path: string, body: unknown = {}): Request {
  return new Request(`${ORIGIN}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

const params = (attemptId: string) => ({ params: Promise.resolve({ attemptId }) });

let bobAttemptId = '';

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/db-setup.mjs'], { env: process.env, stdio: 'pipe' });
  const people: Array<[Exclude<Who, 'nobody'>, 'learner' | 'instructor' | 'admin']> = [
    ['ada', 'learner'],
    ['bob', 'learner'],
    ['tess', 'instructor'],
    ['root', 'admin'],
  ];
  for (const [who, role] of people) {
    await createAccount({ email: `${who}@example.com`, name: who, role, password: `${who} password` });
    cookies[who] = await signIn(`${who}@example.com`, `${who} password`);
  }
  // Tess runs a cohort, but Bob is not in it.
  const tess = await getDb().user.findUniqueOrThrow({ where: { email: 'tess@example.com' } });
  await getDb().cohort.create({ data: { name: 'Tess class', ownerId: tess.id, joinCode: 'TESS-AUTHZ' } });
  as('bob');
  const started = await attemptsRoute.POST(post('/api/attempts', { labId: LAB }));
  expect(started.status).toBe(200);
  bobAttemptId = ((await started.json()) as { attemptId: string }).attemptId;
  // Eight scrypt runs (four accounts, four sign-ins) and a lab load: slow on a busy machine.
}, 120_000);

afterAll(async () => {
  await disconnectDb();
  rmSync(scratch, { recursive: true, force: true });
});

describe('authorization of lab attempts', { timeout: 120_000 }, () => {
  it('lets Bob open a hint in his own attempt (the routes work for the owner)', async () => {
    as('bob');
    const response = await hintsRoute.POST(post(`/api/attempts/${bobAttemptId}/hints`, { stepId: 'run-web', hintIndex: 0 }), params(bobAttemptId));
    expect(response.status).toBe(200);
  });

  it('answers another learner, an unrelated instructor and a missing id with the same 404', async () => {
    const guessed = 'c' + 'x'.repeat(24);
    for (const who of ['ada', 'tess'] as const) {
      as(who);
      const theirs = await hintsRoute.POST(post(`/api/attempts/${bobAttemptId}/hints`, { stepId: 'run-web', hintIndex: 1 }), params(bobAttemptId));
      const missing = await hintsRoute.POST(post(`/api/attempts/${guessed}/hints`, { stepId: 'run-web', hintIndex: 1 }), params(guessed));
      expect(theirs.status).toBe(404);
      expect(await theirs.json()).toEqual(await missing.json());
      const reset = await resetRoute.POST(post(`/api/attempts/${bobAttemptId}/reset`), params(bobAttemptId));
      const resetMissing = await resetRoute.POST(post(`/api/attempts/${guessed}/reset`), params(guessed));
      expect(reset.status).toBe(404);
      expect(await reset.json()).toEqual(await resetMissing.json());
    }
    const attempt = await getDb().attempt.findUniqueOrThrow({ where: { id: bobAttemptId } });
    expect(attempt.status).toBe('active');
    expect(await getDb().hintReveal.count({ where: { attemptId: bobAttemptId } })).toBe(1);
  });

  it("never hands out someone else's attempt or progress through the learner's own endpoints", async () => {
    as('ada');
    const found = await attemptsRoute.GET(new Request(`${ORIGIN}/api/attempts?labId=${LAB}&userId=${encodeURIComponent('bob')}`));
    expect(found.status).toBe(404);
    const progress = await progressRoute.GET();
    expect(progress.status).toBe(200);
    const body = (await progress.json()) as { labs: Array<{ labId: string; status: string }> };
    expect(body.labs.find((lab) => lab.labId === LAB)?.status).toBe('not-started');
    as('bob');
    const bobs = (await (await progressRoute.GET()).json()) as { labs: Array<{ labId: string; status: string }> };
    expect(bobs.labs.find((lab) => lab.labId === LAB)?.status).toBe('in-progress');
  });

  it('asks a signed-out caller to sign in', async () => {
    as('nobody');
    expect((await hintsRoute.POST(post(`/api/attempts/${bobAttemptId}/hints`, { stepId: 'run-web', hintIndex: 1 }), params(bobAttemptId))).status).toBe(401);
    expect((await resetRoute.POST(post(`/api/attempts/${bobAttemptId}/reset`), params(bobAttemptId))).status).toBe(401);
    expect((await progressRoute.GET()).status).toBe(401);
  });
});

describe('authorization of /admin actions', { timeout: 120_000 }, () => {
  function form(fields: Record<string, string>): FormData {
    const data = new FormData();
    for (const [key, value] of Object.entries(fields)) data.set(key, value);
    return data;
  }

  it('refuses an instructor, a learner and a signed-out caller, and changes nothing', async () => {
    const bob = await getDb().user.findUniqueOrThrow({ where: { email: 'bob@example.com' } });
    for (const who of ['tess', 'ada', 'nobody'] as const) {
      as(who);
      const created = await adminActions.createInstructorAction(EMPTY_ADMIN_FORM, form({ name: 'Eve', email: 'eve@example.com', password: 'eve password' }));
      expect(created).toMatchObject({ ok: false, message: 'No such user.' });
      expect(await adminActions.changeRoleAction(EMPTY_ADMIN_FORM, form({ userId: bob.id, role: 'admin' }))).toMatchObject({ ok: false });
      expect(await adminActions.resetPasswordAction(EMPTY_ADMIN_FORM, form({ userId: bob.id, password: 'taken over' }))).toMatchObject({ ok: false });
      expect(await adminActions.removeLearnerAction(EMPTY_ADMIN_FORM, form({ userId: bob.id }))).toMatchObject({ ok: false });
    }
    expect(await getDb().user.count({ where: { email: 'eve@example.com' } })).toBe(0);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: bob.id } })).role).toBe('learner');
    expect(await signIn('bob@example.com', 'bob password')).toContain('flatnet.session_token=');
  });

  it('does the same for an admin', async () => {
    as('root');
    const created = await adminActions.createInstructorAction(EMPTY_ADMIN_FORM, form({ name: 'Eve', email: 'eve@example.com', password: 'eve password' }));
    expect(created).toMatchObject({ ok: true });
    expect((await getDb().user.findUniqueOrThrow({ where: { email: 'eve@example.com' } })).role).toBe('instructor');
  });
});
