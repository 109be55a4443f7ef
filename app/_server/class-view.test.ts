// class-view.ts, its live event stream and its CSV export on a temporary database: the roster ×
// labs matrix (state, current step, time, hints, due dates), the failing-checks heatmap, who is
// stuck, which labs a cohort has, and that only the cohort's owner (or an admin) gets any of it. A lab
// written in the browser is a column too, each learner's cell read on the version they started.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from './auth';

const scratch = mkdtempSync(join(tmpdir(), 'flatnet-class-view-'));
process.env.DATABASE_URL = `file:${join(scratch, 'class-view.db')}`;

const { getDb, disconnectDb } = await import('./db');
const { classView, classViewFor, currentStepIndex, representative, stepSince } = await import('./class-view');
const { classViewEventsResponse, openClassViewStreams } = await import('./class-view-events');
const { csvField, matrixCsv, matrixCsvResponse, CSV_HEADER } = await import('./matrix-csv');
const { fixtureLabFiles, publishFixture } = await import('./authored-labs/test-fixtures');
const { loadReplay } = await import('./attempt-replay');
const { cohortLabs } = await import('./cohort-labs');
const { coursePath } = await import('./course-path');

const tess: SessionUser = { id: 'u-tess', email: 'tess@example.com', name: 'Tess', role: 'instructor' };
const otto: SessionUser = { id: 'u-otto', email: 'otto@example.com', name: 'Otto', role: 'instructor' };
const root: SessionUser = { id: 'u-root', email: 'root@example.com', name: 'Root', role: 'admin' };
const ada: SessionUser = { id: 'u-ada', email: 'ada@example.com', name: 'Ada', role: 'learner' };
const bob: SessionUser = { id: 'u-bob', email: 'bob@example.com', name: 'Bob', role: 'learner' };
// A learner's chosen name is what a spreadsheet would run as a formula.
const cy: SessionUser = { id: 'u-cy', email: 'cy@example.com', name: '=cmd|"/c calc"!A1', role: 'learner' };

const LAB = 'pod-network-basics';
const OTHER_LAB = 'pod-host-veth';
const at = (hh: number, mm: number) => new Date(Date.UTC(2026, 0, 1, hh, mm));
const NOW = at(13, 0);
/** Migrating a fresh database takes seconds on a busy shared machine. */
const SETUP_TIMEOUT_MS = 60_000;

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/db-setup.mjs'], { env: process.env, stdio: 'pipe' });
  const db = getDb();
  for (const user of [tess, otto, root, ada, bob, cy]) {
    await db.user.create({ data: { id: user.id, email: user.email, name: user.name, role: user.role } });
  }
  await db.cohort.create({ data: { id: 'c1', name: 'Tuesday class', ownerId: tess.id, joinCode: 'TUE-1', stuckAfterMinutes: 15 } });
  await db.cohortLab.create({ data: { cohortId: 'c1', labId: OTHER_LAB } });
  await db.cohortLab.create({ data: { cohortId: 'c1', labId: LAB, dueAt: at(12, 0) } });
  for (const user of [ada, bob, cy]) await db.cohortMember.create({ data: { cohortId: 'c1', userId: user.id } });
  await db.cohort.create({ data: { id: 'c2', name: 'Module class', ownerId: tess.id, joinCode: 'MOD-1' } });
  await db.cohortModule.create({ data: { cohortId: 'c2', moduleId: 'pod-network' } });
  await db.cohort.create({ data: { id: 'c3', name: 'Whole course', ownerId: otto.id, joinCode: 'ALL-1' } });

  // Ada: in progress on step 3 since 12:15, typing until 12:58, two hints: stuck.
  await db.attempt.create({ data: { id: 'a-ada', userId: ada.id, labId: LAB, openLabId: LAB, seed: 1, createdAt: at(12, 0) } });
  await db.checkResult.createMany({
    data: [
      { attemptId: 'a-ada', checkId: 'web-running', passed: true, feedbackId: 'resource.ok' },
      { attemptId: 'a-ada', checkId: 'web-ready', passed: true, feedbackId: 'resource.ok' },
      { attemptId: 'a-ada', checkId: 'web-has-pod-ip', passed: false, feedbackId: 'resource.no-match' },
    ],
  });
  await db.checkEvent.createMany({
    data: [
      { attemptId: 'a-ada', checkId: 'web-running', passed: true, feedbackId: 'resource.ok', at: at(12, 12) },
      { attemptId: 'a-ada', checkId: 'web-ready', passed: true, feedbackId: 'resource.ok', at: at(12, 15) },
    ],
  });
  await db.commandEvent.createMany({ data: [at(12, 10), at(12, 20), at(12, 58)].map((time) => ({ attemptId: 'a-ada', line: 'kubectl get pods', exitCode: 0, at: time })) });
  await db.hintReveal.createMany({ data: [0, 1].map((hintIndex) => ({ attemptId: 'a-ada', stepId: 'pod-ip', hintIndex, at: at(12, 30 + hintIndex) })) });

  // Bob: completed before the due date, then reset and started again: the completion counts.
  await db.attempt.create({ data: { id: 'a-bob-1', userId: bob.id, labId: LAB, status: 'reset', seed: 1, createdAt: at(11, 0), completedAt: at(11, 30), timeSpentSeconds: 600, hintsUsed: 1 } });
  await db.attempt.create({ data: { id: 'a-bob-2', userId: bob.id, labId: LAB, openLabId: LAB, seed: 1, createdAt: at(12, 40) } });

  // Cy: started ten minutes ago, the pod not there yet.
  await db.attempt.create({ data: { id: 'a-cy', userId: cy.id, labId: LAB, openLabId: LAB, seed: 1, createdAt: at(12, 50) } });
  await db.checkResult.create({ data: { attemptId: 'a-cy', checkId: 'web-running', passed: false, feedbackId: 'resource.not-found' } });
  await db.commandEvent.create({ data: { attemptId: 'a-cy', line: 'kubectl get nodes', exitCode: 0, at: at(12, 59) } });
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await disconnectDb();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the class view', () => {
  it('gives each learner × lab its state, step, time, hints and due date', async () => {
    const view = (await classView('c1', NOW))!;
    expect(view.labs.map((l) => l.labId)).toEqual([LAB, OTHER_LAB]); // course order, not insertion order
    expect(view.rows.map((r) => r.userId)).toEqual([cy.id, ada.id, bob.id]); // by name ('=' sorts first)
    const cell = (userId: string, labId = LAB) => view.rows.find((r) => r.userId === userId)!.cells.find((c) => c.labId === labId)!;

    expect(cell(ada.id)).toMatchObject({
      state: 'in-progress',
      attemptId: 'a-ada',
      step: { id: 'pod-ip', number: 3 },
      checksPassed: 2,
      // 12:00 → 12:10 → 12:20 → 12:58: each gap capped at five minutes.
      timeSpentSeconds: 15 * 60,
      hintsUsed: 2,
      dueAt: at(12, 0).toISOString(),
      late: true,
    });
    expect(cell(bob.id)).toMatchObject({ state: 'complete', attemptId: 'a-bob-1', timeSpentSeconds: 600, hintsUsed: 1, late: false, step: null });
    // The first step has no checks, so a fresh attempt is on step 2.
    expect(cell(cy.id)).toMatchObject({ state: 'in-progress', step: { id: 'run-web', number: 2 }, checksPassed: 0, hintsUsed: 0, timeSpentSeconds: 5 * 60 }) // 9 min to her first command, capped;
    expect(cell(ada.id, OTHER_LAB)).toMatchObject({ state: 'not-started', attemptId: null, dueAt: null, late: false });
  });

  it('counts the failing checks and feedback IDs across the cohort', async () => {
    const view = (await classView('c1', NOW))!;
    expect(view.heatmap).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ labId: LAB, checkId: 'web-has-pod-ip', failing: 1, graded: 1 }),
        expect.objectContaining({ labId: LAB, checkId: 'web-running', failing: 1, graded: 2 }),
      ]),
    );
    expect(view.heatmap.find((h) => h.checkId === 'web-ready')).toBeUndefined(); // passing everywhere
    expect(view.feedback).toEqual(expect.arrayContaining([{ labId: LAB, checkId: 'web-running', feedbackId: 'resource.not-found', count: 1 }]));
  });

  it('lists who has been on one step longer than the cohort allows while still at work', async () => {
    const view = (await classView('c1', NOW))!;
    expect(view.stuck).toEqual([expect.objectContaining({ userId: ada.id, stepId: 'pod-ip', since: at(12, 15).toISOString(), minutes: 45 })]);
    // Ten minutes after her last command she is no longer at work, so not listed.
    expect((await classView('c1', at(13, 10)))!.stuck).toEqual([]);
  });

  it('dates a step from the verdict changes, falling back to when a check was last graded', () => {
    const lab = {
      steps: [
        { id: 's1', title: 'One', checks: [{ id: 'a' }] },
        { id: 's2', title: 'Two', checks: [{ id: 'b' }] },
      ],
    } as unknown as Parameters<typeof stepSince>[0];
    const attempt = { createdAt: at(10, 0), checks: [{ checkId: 'a', passed: true, feedbackId: 'ok', updatedAt: at(10, 40) }] };
    expect(currentStepIndex(lab, new Set(['a']))).toBe(1);
    expect(currentStepIndex(lab, new Set(['a', 'b']))).toBe(-1);
    expect(stepSince(lab, 1, attempt, [{ checkId: 'a', passed: true, at: at(10, 5) }])).toEqual(at(10, 5));
    expect(stepSince(lab, 1, attempt, [])).toEqual(at(10, 40));
    // Back on step 2 since b, once green, turned red again.
    const regress = [
      { checkId: 'a', passed: true, at: at(10, 5) },
      { checkId: 'b', passed: true, at: at(10, 10) },
      { checkId: 'b', passed: false, at: at(10, 30) },
    ];
    expect(stepSince(lab, 1, attempt, regress)).toEqual(at(10, 30));
  });

  it('picks the first completed attempt, else the open one, else the latest', () => {
    const a = (id: string, status: string, completedAt: Date | null = null) => ({ id, status, completedAt });
    expect(representative([a('1', 'reset'), a('2', 'active')])?.id).toBe('2');
    expect(representative([a('1', 'reset', at(9, 0)), a('2', 'completed', at(8, 0))])?.id).toBe('2');
    expect(representative([a('1', 'reset'), a('2', 'reset')])?.id).toBe('2');
    expect(representative([])).toBeUndefined();
  });
});

describe("a cohort's labs", () => {
  it('are its own labs, else its modules\' labs, else the whole course, in course order', async () => {
    expect((await cohortLabs('c1')).map((l) => l.labId)).toEqual([LAB, OTHER_LAB]);
    expect((await cohortLabs('c2')).map((l) => l.labId)).toEqual([LAB, OTHER_LAB]);
    const courseLabs = (await coursePath()).filter((item) => item.kind === 'lab').map((item) => item.key);
    expect((await cohortLabs('c3')).map((l) => l.labId)).toEqual(courseLabs);
    expect(courseLabs.length).toBeGreaterThan(2);
  });
});

describe('who may see it', () => {
  it('is the owner and admins; another instructor and a learner get a 404, the signed-out a 401', async () => {
    expect(await classViewFor(tess, 'c1')).not.toBeNull();
    expect(await classViewFor(root, 'c1')).not.toBeNull();
    for (const viewer of [otto, ada]) {
      expect(await classViewFor(viewer, 'c1')).toBeNull();
      expect((await matrixCsvResponse(viewer, 'c1')).status).toBe(404);
      expect((await classViewEventsResponse(viewer, 'c1', new AbortController().signal)).status).toBe(404);
    }
    expect((await matrixCsvResponse(tess, 'no-such-cohort')).status).toBe(404);
    expect((await classViewEventsResponse(tess, 'c3', new AbortController().signal)).status).toBe(404); // Otto's
    expect((await matrixCsvResponse(null, 'c1')).status).toBe(401);
    expect((await classViewEventsResponse(null, 'c1', new AbortController().signal)).status).toBe(401);
    expect(openClassViewStreams()).toBe(0);
  });
});

describe('the CSV export', () => {
  it('quotes per RFC 4180 and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    for (const start of ['+', '-', '@', '\t']) expect(csvField(`${start}x`)).toBe(`'${start}x`);
    expect(csvField('\rx')).toBe(`"'\rx"`);
    expect(csvField(null)).toBe('');
    expect(csvField(0)).toBe('0');
    expect(csvField(false)).toBe('false');
  });

  it('has a header and one row per learner × lab', async () => {
    const response = await matrixCsvResponse(tess, 'c1');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="tuesday-class-matrix.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes); // drops the byte order mark
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows).toHaveLength(1 + 3 * 2);
    const record = (email: string, labId: string) => Object.fromEntries(CSV_HEADER.map((h, i) => [h, rows.find((r) => r[1] === email && r[2] === labId)![i]]));
    expect(record('ada@example.com', LAB)).toMatchObject({ state: 'in-progress', current_step: '3. Find the pod\'s address', hints_used: '2', late: 'true', attempt_id: 'a-ada' });
    expect(record('bob@example.com', LAB)).toMatchObject({ state: 'complete', time_spent_seconds: '600', late: 'false', completed_at: at(11, 30).toISOString() });
    expect(record('cy@example.com', LAB).learner_name).toBe(`'${cy.name}`);
    expect(record('cy@example.com', OTHER_LAB)).toMatchObject({ state: 'not-started', current_step: '', attempt_id: '' });
    expect(text.split('\r\n').length).toBe(rows.length + 1); // CRLF after every record, the last one too
  });
});

describe('the live stream', () => {
  it('sends the view on connect, again when a learner passes a check, and stops when the client leaves', async () => {
    const client = new AbortController();
    const response = await classViewEventsResponse(tess, 'c1', client.signal, { pollMs: 25 });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = eventReader(response.body!);
    const first = await events.nextView();
    expect(first.rows.find((r: { userId: string }) => r.userId === cy.id).cells[0].checksPassed).toBe(0);
    expect(openClassViewStreams()).toBe(1);

    await getDb().checkResult.update({ where: { attemptId_checkId: { attemptId: 'a-cy', checkId: 'web-running' } }, data: { passed: true, feedbackId: 'resource.ok' } });
    const second = await events.nextView();
    expect(second.rows.find((r: { userId: string }) => r.userId === cy.id).cells[0].checksPassed).toBe(1);

    client.abort();
    expect(await events.ended()).toBe(true);
    expect(openClassViewStreams()).toBe(0);
  });
});

describe('the live stream, when access goes', () => {
  it('says the cohort is gone and closes once the viewer no longer manages it', async () => {
    const db = getDb();
    await db.cohort.create({ data: { id: 'c-moving', name: 'Handed over', ownerId: tess.id, joinCode: 'MOVE-1' } });
    const client = new AbortController();
    const response = await classViewEventsResponse(tess, 'c-moving', client.signal, { pollMs: 25 });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('event: view')) text += decoder.decode((await reader.read()).value);
    await db.cohort.update({ where: { id: 'c-moving' }, data: { ownerId: otto.id } });
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    expect(text).toContain('event: gone');
    expect(openClassViewStreams()).toBe(0);
  });
});

/** A small RFC 4180 reader, independent of the writer under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

function eventReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async nextView() {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith('event: view\n')) return JSON.parse(block.slice(block.indexOf('data: ') + 6));
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    async ended() {
      for (;;) {
        const { done } = await reader.read();
        if (done) return true;
      }
    },
  };
}

describe('a lab written in the browser', () => {
  it("is a column with the same states, each learner's step list from the version their attempt pinned", async () => {
    const db = getDb();
    const WRITTEN = 'tess-two-steps';
    // Version 1 has two steps; version 2 (current) only the first.
    const v1 = await publishFixture(WRITTEN, tess.id, fixtureLabFiles(WRITTEN, 'Two steps', { twoSteps: true }));
    const v2 = await publishFixture(WRITTEN, tess.id, fixtureLabFiles(WRITTEN, 'One step now'));
    await db.cohort.create({ data: { id: 'c4', name: 'Written', ownerId: tess.id, joinCode: 'WRI-1' } });
    await db.cohortLab.createMany({ data: [{ cohortId: 'c4', labId: WRITTEN, dueAt: at(14, 0) }, { cohortId: 'c4', labId: LAB }] });
    for (const user of [ada, bob, cy]) await db.cohortMember.create({ data: { cohortId: 'c4', userId: user.id } });
    // Ada started on version 1 and passed its first step; Cy finished version 2; Bob has not started.
    await db.attempt.create({ data: { id: 'w-ada', userId: ada.id, labId: WRITTEN, openLabId: WRITTEN, seed: 1, labVersionId: v1.versionId, createdAt: at(12, 30) } });
    await db.checkResult.createMany({
      data: [
        { attemptId: 'w-ada', checkId: 'client-reaches-api', passed: true, feedbackId: 'reachability.allowed' },
        { attemptId: 'w-ada', checkId: 'client-still-reaches-api', passed: false, feedbackId: 'reachability.refused' },
      ],
    });
    await db.attempt.create({
      data: { id: 'w-cy', userId: cy.id, labId: WRITTEN, openLabId: WRITTEN, status: 'completed', seed: 1, labVersionId: v2.versionId, createdAt: at(12, 0), completedAt: at(12, 20), timeSpentSeconds: 900, hintsUsed: 0 },
    });
    await db.checkResult.create({ data: { attemptId: 'w-cy', checkId: 'client-reaches-api', passed: true, feedbackId: 'reachability.allowed' } });

    const view = (await classView('c4', NOW))!;
    expect(view.labs).toEqual([
      { labId: LAB, title: expect.any(String), dueAt: null, authored: false, href: `/labs/${LAB}` },
      { labId: WRITTEN, title: 'One step now', dueAt: at(14, 0).toISOString(), authored: true, href: `/labs/custom/${WRITTEN}` },
    ]);
    const cell = (userId: string) => view.rows.find((r) => r.userId === userId)!.cells.find((c) => c.labId === WRITTEN)!;
    expect(cell(ada.id)).toMatchObject({ state: 'in-progress', attemptId: 'w-ada', step: { id: 'check-again', title: 'Check it once more', number: 2 }, stepCount: 2, checksPassed: 1, checksTotal: 2, late: false });
    expect(cell(cy.id)).toMatchObject({ state: 'complete', attemptId: 'w-cy', stepCount: 1, checksPassed: 1, checksTotal: 1, timeSpentSeconds: 900 });
    expect(cell(bob.id)).toMatchObject({ state: 'not-started', attemptId: null, stepCount: 1, checksTotal: 1 });
    expect(view.heatmap).toContainEqual(expect.objectContaining({ labId: WRITTEN, labTitle: 'One step now', checkId: 'client-still-reaches-api', stepTitle: 'Check it once more', failing: 1, graded: 1 }));

    const csv = matrixCsv(view).split('\r\n');
    expect(csv).toContain(`${ada.name},${ada.email},${WRITTEN},One step now,in-progress,2. Check it once more,1,2,${cell(ada.id).timeSpentSeconds},0,${at(14, 0).toISOString()},false,,w-ada`);
    expect(csv.filter((line) => line.includes(`,${WRITTEN},`))).toHaveLength(3);

    // The cell's replay names the lab and its checks as the pinned version does.
    await db.checkEvent.create({ data: { attemptId: 'w-ada', checkId: 'client-still-reaches-api', passed: false, feedbackId: 'reachability.refused', at: at(12, 40) } });
    const replay = await loadReplay('w-ada');
    expect(replay).toMatchObject({ labId: WRITTEN, labTitle: 'Two steps', checks: [{ checkId: 'client-still-reaches-api', title: 'client still reaches api:80' }] });
  });
});
