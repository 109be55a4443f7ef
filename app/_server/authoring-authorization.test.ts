// Who may write labs in the browser, asked of the real /api/authoring route handlers on a temporary
// database with real sessions (issue 20's acceptance): a learner gets 403 from every endpoint and a
// signed-out caller 401; an instructor reaches only their own labs (someone else's answers like a
// missing one, 404); an admin reaches all. Then the life of a lab through the same handlers:
// scaffold, validate, preview, self-test (the real labctl in a child), publish to the owner's
// cohorts, a member's attempt pinning its version through later publishes and a rollback, history
// and diffs, export → import, a trial with its recorded solution, and deleting a lab (refused while
// a learner is mid-attempt unless forced; learners keep their finished work in their export).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signInCookie } from './auth-test-kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const caller = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({ headers: async () => caller.headers }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const scratch = mkdtempSync(join(tmpdir(), 'flatnet-authoring-authz-'));
process.env.DATABASE_URL = `file:${join(scratch, 'authoring.db')}`;
delete process.env.BETTER_AUTH_SECRET;
delete process.env.BETTER_AUTH_URL;

const { auth } = await import('./auth');
const { getDb, disconnectDb } = await import('./db');
const { createAccount } = await import('./user-accounts');
const { recordCommand } = await import('./attempts');
const { recordSelfTest, getAuthoredLab, saveDraft } = await import('./authored-labs/authored-labs');
const { loadCustomLab } = await import('./authored-labs/custom-lab-view');
const { PrismaAttemptStore } = await import('./prisma-attempt-store');
const { exportAccountData } = await import('./account-data');
const { labVariables } = await import('../../lab-engine/labs/lab-variables');
const labsRoute = await import('../api/authoring/labs/route');
const labRoute = await import('../api/authoring/labs/[id]/route');
const draftRoute = await import('../api/authoring/labs/[id]/draft/route');
const validateRoute = await import('../api/authoring/labs/[id]/validate/route');
const previewRoute = await import('../api/authoring/labs/[id]/preview/route');
const selfTestRoute = await import('../api/authoring/labs/[id]/self-test/route');
const publishRoute = await import('../api/authoring/labs/[id]/publish/route');
const versionsRoute = await import('../api/authoring/labs/[id]/versions/route');
const diffRoute = await import('../api/authoring/labs/[id]/diff/route');
const rollbackRoute = await import('../api/authoring/labs/[id]/rollback/route');
const exportRoute = await import('../api/authoring/labs/[id]/export/route');
const tryRoute = await import('../api/authoring/labs/[id]/try/route');
const recordRoute = await import('../api/authoring/labs/[id]/record-solution/route');
const importRoute = await import('../api/authoring/import/route');
const attemptsRoute = await import('../api/attempts/route');
const customLabsRoute = await import('../api/custom-labs/route');

const ORIGIN = 'http://127.0.0.1:41238';
type Who = 'ada' | 'bob' | 'tess' | 'ivy' | 'root' | 'nobody';
const cookies: Partial<Record<Who, string>> = {};
const LAB = 'tess-lab';

const signIn = (email: string, password: string) => signInCookie(auth, ORIGIN, email, password);

function as(who: Who): void {
  const headers = new Headers({ host: new URL(ORIGIN).host, origin: ORIGIN });
  if (who !== 'nobody') headers.set('cookie', cookies[who]!);
  caller.headers = headers;
}

const url = (path: string) => `${ORIGIN}${path}`;
const json = (method: string, path: string, body: unknown) => new Request(url(path), { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const get = (path: string) => new Request(url(path));
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

/** Every /api/authoring endpoint, called on lab `id`. */
function endpoints(id: string): Array<[string, () => Promise<Response>]> {
  const base = `/api/authoring/labs/${id}`;
  return [
    ['GET labs', () => labsRoute.GET(get('/api/authoring/labs'))],
    ['POST labs', () => labsRoute.POST(json('POST', '/api/authoring/labs', { id: 'intruder-lab', title: 'Mine now', module: 'services' }))],
    ['GET labs/:id', () => labRoute.GET(get(base), ctx(id))],
    ['PUT draft', () => draftRoute.PUT(json('PUT', `${base}/draft`, { files: { 'lab.yaml': 'id: x\n' } }), ctx(id))],
    ['POST validate', () => validateRoute.POST(json('POST', `${base}/validate`, { files: { 'lab.yaml': 'id: x\n' } }), ctx(id))],
    ['POST preview', () => previewRoute.POST(json('POST', `${base}/preview`, { source: 'Hello' }), ctx(id))],
    ['POST self-test', () => selfTestRoute.POST(json('POST', `${base}/self-test`, {}), ctx(id))],
    ['POST publish', () => publishRoute.POST(json('POST', `${base}/publish`, {}), ctx(id))],
    ['GET versions', () => versionsRoute.GET(get(`${base}/versions`), ctx(id))],
    ['GET diff', () => diffRoute.GET(get(`${base}/diff?from=1&to=draft`), ctx(id))],
    ['POST rollback', () => rollbackRoute.POST(json('POST', `${base}/rollback`, { number: 1 }), ctx(id))],
    ['GET export', () => exportRoute.GET(get(`${base}/export`), ctx(id))],
    ['POST import', () => importRoute.POST(new Request(url('/api/authoring/import'), { method: 'POST', body: new Uint8Array([80, 75, 3, 4]) }))],
    ['POST try', () => tryRoute.POST(json('POST', `${base}/try`, {}), ctx(id))],
    ['POST record-solution', () => recordRoute.POST(json('POST', `${base}/record-solution`, { attemptId: 'c123' }), ctx(id))],
    ['DELETE labs/:id', () => labRoute.DELETE(new Request(url(`${base}?force=1`), { method: 'DELETE' }), ctx(id))],
  ];
}

const LAB_ROUTES = new Set(['GET labs/:id', 'PUT draft', 'POST validate', 'POST preview', 'POST self-test', 'POST publish', 'GET versions', 'GET diff', 'POST rollback', 'GET export', 'POST try', 'POST record-solution', 'DELETE labs/:id']);

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/db-setup.mjs'], { env: process.env, stdio: 'pipe' });
  const people: Array<[Exclude<Who, 'nobody'>, 'learner' | 'instructor' | 'admin']> = [
    ['ada', 'learner'],
    ['bob', 'learner'],
    ['tess', 'instructor'],
    ['ivy', 'instructor'],
    ['root', 'admin'],
  ];
  for (const [who, role] of people) {
    await createAccount({ email: `${who}@example.com`, name: who, role, password: `${who} password` });
    cookies[who] = await signIn(`${who}@example.com`, `${who} password`);
  }
  // Ada is in Tess's cohort; Bob is in none.
  const tess = await getDb().user.findUniqueOrThrow({ where: { email: 'tess@example.com' } });
  const ada = await getDb().user.findUniqueOrThrow({ where: { email: 'ada@example.com' } });
  const cohort = await getDb().cohort.create({ data: { name: 'Tess class', ownerId: tess.id, joinCode: 'TESS-AUTHOR' } });
  await getDb().cohortMember.create({ data: { cohortId: cohort.id, userId: ada.id } });
  as('tess');
  const created = await labsRoute.POST(json('POST', '/api/authoring/labs', { id: LAB, title: 'Tess made this', module: 'services' }));
  expect(created.status).toBe(201);
}, 180_000);

afterAll(async () => {
  await disconnectDb();
  rmSync(scratch, { recursive: true, force: true });
});

describe('who reaches /api/authoring', { timeout: 120_000 }, () => {
  it('refuses a learner with 403 at every endpoint, and changes nothing', async () => {
    as('ada');
    for (const [name, call] of endpoints(LAB)) {
      const response = await call();
      expect({ name, status: response.status }).toEqual({ name, status: 403 });
    }
    expect(await getDb().authoredLab.count()).toBe(1);
    expect(await getDb().labVersion.count()).toBe(0);
  });

  it('asks a signed-out caller to sign in (401) at every endpoint', async () => {
    as('nobody');
    for (const [name, call] of endpoints(LAB)) expect({ name, status: (await call()).status }).toEqual({ name, status: 401 });
  });

  it("answers another instructor on Tess's lab exactly as on a lab that does not exist (404)", async () => {
    as('ivy');
    const theirs = endpoints(LAB).filter(([name]) => LAB_ROUTES.has(name));
    const missing = endpoints('no-such-lab').filter(([name]) => LAB_ROUTES.has(name));
    for (const [index, [name, call]] of theirs.entries()) {
      const response = await call();
      const absent = await missing[index][1]();
      expect({ name, status: response.status }).toEqual({ name, status: 404 });
      expect(await response.json()).toEqual(await absent.json());
    }
    expect(((await (await labsRoute.GET(get('/api/authoring/labs'))).json()) as { labs: unknown[] }).labs).toEqual([]);
    expect((await getAuthoredLab(LAB))?.files['lab.yaml']).toContain('Tess made this');
  });

  it("lets an admin read anyone's lab", async () => {
    as('root');
    const list = (await (await labsRoute.GET(get('/api/authoring/labs'))).json()) as { labs: Array<{ id: string }> };
    expect(list.labs.map((lab) => lab.id)).toContain(LAB);
    expect((await labRoute.GET(get(`/api/authoring/labs/${LAB}`), ctx(LAB))).status).toBe(200);
  });
});

describe('a lab written in the browser, from scaffold to learners', { timeout: 180_000 }, () => {
  it('refuses ids taken by the course or another lab', async () => {
    as('ivy');
    const clash = await labsRoute.POST(json('POST', '/api/authoring/labs', { id: 'pod-network-basics', title: 'Copy', module: 'services' }));
    expect(clash.status).toBe(409);
    const taken = await labsRoute.POST(json('POST', '/api/authoring/labs', { id: LAB, title: 'Copy', module: 'services' }));
    expect(taken.status).toBe(409);
    const bad = await labsRoute.POST(json('POST', '/api/authoring/labs', { id: '../etc', title: 'Copy', module: 'services' }));
    expect(bad.status).toBe(400);
  });

  it('validates at the line, previews only safe MDX, and publishes only after a passing self-test of the saved draft', async () => {
    as('tess');
    const opened = (await (await labRoute.GET(get(`/api/authoring/labs/${LAB}`), ctx(LAB))).json()) as { files: Record<string, string>; draftHash: string; selfTest: unknown; currentVersion: number | null };
    expect(opened.selfTest).toBeNull();
    expect(opened.currentVersion).toBeNull();
    const broken = { ...opened.files, 'lab.yaml': opened.files['lab.yaml'].replace('kind: reachability', 'kind: reachabilty') };
    const validated = (await (await validateRoute.POST(json('POST', '/x', { files: broken }), ctx(LAB))).json()) as { issues: Array<{ file: string; line?: number; path: string }> };
    const line = broken['lab.yaml'].split('\n').findIndex((text) => text.includes('reachabilty')) + 1;
    expect(validated.issues).toContainEqual(expect.objectContaining({ file: 'lab.yaml', line, path: 'steps[0].checks[0].kind' }));
    const unsafe = { ...opened.files, 'steps/01-fix-target-port.mdx': 'Hi <img src="x" onerror="alert(1)" />' };
    const mdxIssues = (await (await validateRoute.POST(json('POST', '/x', { files: unsafe }), ctx(LAB))).json()) as { issues: Array<{ file: string; message: string }> };
    expect(mdxIssues.issues).toContainEqual(expect.objectContaining({ file: 'steps/01-fix-target-port.mdx' }));
    expect(await (await validateRoute.POST(json('POST', '/x', { files: opened.files }), ctx(LAB))).json()).toEqual({ issues: [] });

    const refused = await previewRoute.POST(json('POST', '/x', { source: 'Hello <script>alert(1)</script>' }), ctx(LAB));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { issues: Array<{ message: string }> }).issues[0].message).toMatch(/<script> is not allowed/);
    const preview = (await (await previewRoute.POST(json('POST', '/x', { source: '# Title\n\nSome *text*.' }), ctx(LAB))).json()) as { code: string };
    expect(preview.code).toContain('Some');

    const early = await publishRoute.POST(json('POST', '/x', {}), ctx(LAB));
    expect(early.status).toBe(409);
    const tested = (await (await selfTestRoute.POST(json('POST', '/x', {}), ctx(LAB))).json()) as { passed: boolean; filesHash: string };
    expect(tested).toMatchObject({ passed: true, filesHash: opened.draftHash });
    const everyone = await publishRoute.POST(json('POST', '/x', { audience: 'everyone' }), ctx(LAB));
    expect(everyone.status).toBe(403);
    // Saving changes the draft: the pass was for other files.
    await draftRoute.PUT(json('PUT', '/x', { files: { ...opened.files, 'steps/01-fix-target-port.mdx': 'Changed.\n' } }), ctx(LAB));
    expect((await publishRoute.POST(json('POST', '/x', {}), ctx(LAB))).status).toBe(409);
    const saved = (await (await draftRoute.PUT(json('PUT', '/x', { files: opened.files }), ctx(LAB))).json()) as { draftHash: string };
    expect(saved.draftHash).toBe(opened.draftHash);
    const published = await publishRoute.POST(json('POST', '/x', { note: 'first' }), ctx(LAB));
    expect(await published.json()).toEqual({ number: 1 });
    // Publishing the same draft again adds no copy.
    const again = await publishRoute.POST(json('POST', '/x', { note: 'again' }), ctx(LAB));
    expect(again.status).toBe(409);
    expect(((await again.json()) as { message: string }).message).toMatch(/Version 1 already holds exactly this draft/);
    expect(await (await versionsRoute.GET(get('/x'), ctx(LAB))).json()).toMatchObject({ versions: [{ number: 1 }] });
  });

  it('shows the published lab to its cohort only, and a member keeps the version they started', async () => {
    as('bob');
    expect((await attemptsRoute.POST(json('POST', '/api/attempts', { labId: LAB }))).status).toBe(404);
    as('ada');
    const started = await attemptsRoute.POST(json('POST', '/api/attempts', { labId: LAB }));
    expect(started.status).toBe(200);
    const { attemptId } = (await started.json()) as { attemptId: string };
    const v1 = await getDb().labVersion.findUniqueOrThrow({ where: { labId_number: { labId: LAB, number: 1 } } });
    expect((await getDb().attempt.findUniqueOrThrow({ where: { id: attemptId } })).labVersionId).toBe(v1.id);

    // Version 2 renames the lab; Ada's attempt stays on version 1, a new attempt starts on 2.
    as('tess');
    const lab = (await getAuthoredLab(LAB))!;
    const renamed = { ...lab.files, 'lab.yaml': lab.files['lab.yaml'].replace('title: "Tess made this"', 'title: "Tess renamed this"') };
    const { draftHash } = await saveDraft(LAB, renamed);
    await recordSelfTest(LAB, { filesHash: draftHash, passed: true, report: {} });
    expect(await (await publishRoute.POST(json('POST', '/x', { note: 'renamed' }), ctx(LAB))).json()).toEqual({ number: 2 });
    as('ada');
    const resumed = (await (await attemptsRoute.GET(get(`/api/attempts?labId=${LAB}`))).json()) as { attemptId: string; title: string };
    expect(resumed).toMatchObject({ attemptId, title: 'Tess made this' });
    const store = new PrismaAttemptStore();
    const ada = await getDb().user.findUniqueOrThrow({ where: { email: 'ada@example.com' } });
    expect((await store.findForUser(attemptId, ada.id))?.lab?.title).toBe('Tess made this');
    expect((await loadCustomLab({ id: ada.id, email: ada.email, name: ada.name, role: 'learner' }, LAB))?.version).toBe(1);
    // Her checks are graded against her version's checks, so passing them completes the attempt.
    await store.recordChecks(attemptId, [{ checkId: 'client-reaches-api', passed: true, feedbackId: 'reachability.allowed', params: {}, reason: '' }]);
    await expect.poll(async () => (await getDb().attempt.findUniqueOrThrow({ where: { id: attemptId } })).completedAt).not.toBeNull();
    const bob = await getDb().user.findUniqueOrThrow({ where: { email: 'bob@example.com' } });
    expect(await loadCustomLab({ id: bob.id, email: bob.email, name: bob.name, role: 'learner' }, LAB)).toBeNull();
    expect(await (await customLabsRoute.GET()).json()).toEqual({ labs: [{ id: LAB, title: 'Tess renamed this', module: 'services', href: `/labs/custom/${LAB}` }] });
    as('bob');
    expect(await (await customLabsRoute.GET()).json()).toEqual({ labs: [] });
    as('nobody');
    expect((await customLabsRoute.GET()).status).toBe(401);
    as('ada');

    // History: three versions after a rollback to 1, with diffs.
    as('tess');
    expect(await (await rollbackRoute.POST(json('POST', '/x', { number: 1 }), ctx(LAB))).json()).toEqual({ number: 3 });
    const versions = (await (await versionsRoute.GET(get('/x'), ctx(LAB))).json()) as { versions: Array<{ number: number; current: boolean; createdBy: string; note: string }> };
    expect(versions.versions.map((v) => [v.number, v.current])).toEqual([[3, true], [2, false], [1, false]]);
    expect(versions.versions[0]).toMatchObject({ createdBy: 'tess', note: 'Rollback to version 1' });
    const diff = (await (await diffRoute.GET(get(`/x?from=1&to=2`), ctx(LAB))).json()) as { files: Array<{ path: string; patch: string }> };
    expect(diff.files).toHaveLength(1);
    expect(diff.files[0].patch).toContain('+title: "Tess renamed this"');
    expect((await (await diffRoute.GET(get(`/x?from=1&to=3`), ctx(LAB))).json()) as unknown).toEqual({ files: [] });
  });

  it('exports the draft as a zip that imports back into the same lab (not into someone else’s)', async () => {
    as('tess');
    const exported = await exportRoute.GET(get('/x'), ctx(LAB));
    expect(exported.headers.get('content-type')).toBe('application/zip');
    const zip = new Uint8Array(await exported.arrayBuffer());
    const before = (await getAuthoredLab(LAB))!.draftHash;
    const imported = await importRoute.POST(new Request(url('/api/authoring/import'), { method: 'POST', body: zip }));
    expect(await imported.json()).toEqual({ id: LAB, created: false });
    expect((await getAuthoredLab(LAB))!.draftHash).toBe(before);
    as('ivy');
    expect((await importRoute.POST(new Request(url('/api/authoring/import'), { method: 'POST', body: zip }))).status).toBe(409);
    expect((await importRoute.POST(new Request(url('/api/authoring/import'), { method: 'POST', body: new Uint8Array([1, 2, 3]) }))).status).toBe(400);
  });

  it('opens a fresh trial on the draft each time, and records its successful commands as a solution', async () => {
    as('tess');
    const first = (await (await tryRoute.POST(json('POST', '/x', {}), ctx(LAB))).json()) as { attemptId: string };
    const second = (await (await tryRoute.POST(json('POST', '/x', {}), ctx(LAB))).json()) as { attemptId: string };
    expect(second.attemptId).not.toBe(first.attemptId);
    const rows = await getDb().attempt.findMany({ where: { labId: LAB, kind: 'trial' }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((row) => row.status)).toEqual(['reset', 'active']);
    expect(rows[1].labVersionId).toBeNull();
    const tess = await getDb().user.findUniqueOrThrow({ where: { email: 'tess@example.com' } });
    expect((await new PrismaAttemptStore().findForUser(second.attemptId, tess.id))?.lab?.id).toBe(LAB);
    const trialView = await attemptsRoute.GET(get(`/api/attempts?labId=${LAB}&kind=trial`));
    expect(await trialView.json()).toMatchObject({ attemptId: second.attemptId, kind: 'trial' });

    await recordCommand(second.attemptId, 'kubectl get svc api', 0);
    await recordCommand(second.attemptId, 'kubectl edit svc apii', 1);
    await recordCommand(second.attemptId, "sed -i 's/targetPort: 8080/targetPort: 80/' /lab/api.yaml", 0);
    const recorded = await recordRoute.POST(json('POST', '/x', { attemptId: second.attemptId }), ctx(LAB));
    expect(await recorded.json()).toEqual({ solution: "kubectl get svc api\nsed -i 's/targetPort: 8080/targetPort: 80/' /lab/api.yaml\n" });
    as('ada');
    expect((await attemptsRoute.POST(json('POST', '/api/attempts', { labId: LAB, kind: 'trial' }))).status).toBe(404);
  });

  it('gives each learner their own variables: the self-test proves several draws, the page shows the attempt’s', async () => {
    const id = 'tess-vars';
    const files = {
      'lab.yaml': [
        `id: ${id}`,
        'title: Run your own pod',
        'module: services',
        'variables:',
        '  app: { oneOf: [web, api, shop, cart] }',
        'steps:',
        '  - id: start',
        '    title: Start {{app}}',
        '    text: steps/01-start.mdx',
        '    checks:',
        '      - id: app-running',
        '        title: "{{app}} is Running"',
        '        kind: resource',
        '        resource: pods',
        '        name: "{{app}}"',
        '        jsonPath: "{.status.phase}"',
        '        equals: Running',
        '    hints: ["kubectl run {{app}} --image=nginx"]',
        'solution: kubectl run {{app}} --image=nginx',
        'mutations:',
        '  - name: bad-image',
        '    script: kubectl run {{app}} --image=nginx:bad',
        '    mustFail: [app-running]',
        '',
      ].join('\n'),
      'steps/01-start.mdx': 'Run a pod named **{{app}}** from the nginx image.\n',
    };
    as('tess');
    expect((await labsRoute.POST(json('POST', '/api/authoring/labs', { id, title: 'Vars', module: 'services' }))).status).toBe(201);
    expect((await draftRoute.PUT(json('PUT', '/x', { files }), ctx(id))).status).toBe(200);
    expect(await (await validateRoute.POST(json('POST', '/x', { files }), ctx(id))).json()).toEqual({ issues: [] });
    const tested = (await (await selfTestRoute.POST(json('POST', '/x', {}), ctx(id))).json()) as { passed: boolean; report: { phases?: Array<{ seed: number }> } };
    expect(tested.passed).toBe(true);
    expect(new Set(tested.report.phases?.map((phase) => phase.seed)).size).toBeGreaterThan(1);
    expect((await publishRoute.POST(json('POST', '/x', {}), ctx(id))).status).toBe(200);

    const ada = await getDb().user.findUniqueOrThrow({ where: { email: 'ada@example.com' } });
    const view = await loadCustomLab({ id: ada.id, email: ada.email, name: ada.name, role: 'learner' }, id);
    const attempt = await getDb().attempt.findFirstOrThrow({ where: { userId: ada.id, labId: id, kind: 'lab' } });
    const template = (await new PrismaAttemptStore().findForUser(attempt.id, ada.id))!.lab!;
    const { app } = labVariables(template, attempt.seed);
    expect(view?.steps[0].title).toBe(`Start ${app}`);
    expect(view?.steps[0].code).toContain(app);
    expect(view?.steps[0].hints).toEqual([`kubectl run ${app} --image=nginx`]);
  });
});

describe('deleting a lab', { timeout: 120_000 }, () => {
  const remove = (id: string, query = '') => labRoute.DELETE(new Request(url(`/api/authoring/labs/${id}${query}`), { method: 'DELETE' }), ctx(id));

  it('is refused while a learner is mid-attempt, unless forced; then their attempt ends and the lab is gone', async () => {
    const id = 'tess-vars';
    const ada = await getDb().user.findUniqueOrThrow({ where: { email: 'ada@example.com' } });
    const open = await getDb().attempt.findFirstOrThrow({ where: { userId: ada.id, labId: id, kind: 'lab' } });
    expect(open).toMatchObject({ status: 'active', completedAt: null });
    as('tess');
    const refused = await remove(id);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { message: string }).message).toMatch(/1 learner is in the middle of this lab/);
    expect(await getDb().authoredLab.count({ where: { id } })).toBe(1);
    expect((await remove(id, '?force=yes')).status).toBe(400);

    expect(await (await remove(id, '?force=1')).json()).toEqual({ deleted: true, closedAttempts: 1 });
    expect(await getDb().authoredLab.count({ where: { id } })).toBe(0);
    expect(await getDb().labVersion.count({ where: { labId: id } })).toBe(0);
    expect(await getDb().attempt.findUniqueOrThrow({ where: { id: open.id } })).toMatchObject({ status: 'reset', openLabId: null, labVersionId: null });
    expect(await loadCustomLab({ id: ada.id, email: ada.email, name: ada.name, role: 'learner' }, id)).toBeNull();
    expect((await labRoute.GET(get('/x'), ctx(id))).status).toBe(404);
    expect((await remove(id)).status).toBe(404);
  });

  it("lets an admin delete anyone's lab: finished attempts do not block and stay in the learner's export; trials and cohort choices go; the id stays taken", async () => {
    const tess = await getDb().user.findUniqueOrThrow({ where: { email: 'tess@example.com' } });
    const ada = await getDb().user.findUniqueOrThrow({ where: { email: 'ada@example.com' } });
    const cohort = await getDb().cohort.findFirstOrThrow({ where: { ownerId: tess.id } });
    await getDb().cohortLab.create({ data: { cohortId: cohort.id, labId: LAB, dueAt: new Date('2027-01-01T00:00:00Z') } });
    const finished = await getDb().attempt.findFirstOrThrow({ where: { userId: ada.id, labId: LAB, kind: 'lab' } });
    expect(finished.completedAt).not.toBeNull();
    expect(await getDb().attempt.count({ where: { labId: LAB, kind: 'trial' } })).toBeGreaterThan(0);

    as('root');
    expect(await (await remove(LAB)).json()).toEqual({ deleted: true, closedAttempts: 0 });
    expect(await getDb().attempt.count({ where: { labId: LAB, kind: 'trial' } })).toBe(0);
    expect(await getDb().cohortLab.count({ where: { labId: LAB } })).toBe(0);
    const exported = await exportAccountData(ada.id);
    const kept = exported?.attempts.find((attempt) => attempt.id === finished.id);
    expect(kept).toMatchObject({ labId: LAB, completedAt: finished.completedAt });
    expect(kept?.checks).toContainEqual(expect.objectContaining({ checkId: 'client-reaches-api', passed: true }));

    as('tess');
    const reuse = await labsRoute.POST(json('POST', '/api/authoring/labs', { id: LAB, title: 'Again', module: 'services' }));
    expect(reuse.status).toBe(409);
    expect(((await reuse.json()) as { message: string }).message).toMatch(/deleted lab/);
  });
});
