// The instructor's live class view (issue 19, point 3, and the CSV of point 5): the seeded
// instructor's cohort is made directly in the e2e database, a learner who signs up in the browser
// is added to it; with the class view open in one page, the learner (another browser context)
// starts the lab and passes its step, and the instructor's cell changes without a reload. The CSV
// export says the same; the learner gets 404 from the page, the event stream and the export.

import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { seriousViolations } from './support/axe';
import { E2E_INSTRUCTOR } from './support/global-setup';
import { signUp, startLab, typeCommand, waitForTerminal } from './support/learner';
import { signIn } from './support/staff';

const LAB = 'pod-network-basics';

/** How Prisma's better-sqlite3 adapter stores DateTime (as prisma/seed.mjs writes it too). */
const timestamp = (date = new Date()) => date.toISOString().replace('Z', '+00:00');

function databaseFile(): string {
  const url = process.env.FLATNET_E2E_DATABASE_URL;
  if (!url) throw new Error('FLATNET_E2E_DATABASE_URL is not set: run through the Playwright global setup');
  return url.replace(/^file:/, '');
}

/** A cohort of the seeded instructor with one lab (due tomorrow) and the learner as its member. */
function createCohort(learnerEmail: string): string {
  const sqlite = new Database(databaseFile());
  try {
    sqlite.pragma('busy_timeout = 5000');
    const owner = sqlite.prepare('SELECT id FROM "user" WHERE email = ?').get(E2E_INSTRUCTOR.email) as { id: string } | undefined;
    const learner = sqlite.prepare('SELECT id FROM "user" WHERE email = ?').get(learnerEmail) as { id: string } | undefined;
    if (!owner || !learner) throw new Error('the seeded instructor or the new learner is missing from the e2e database');
    const id = `e2e-${randomBytes(6).toString('hex')}`;
    const now = timestamp();
    sqlite.transaction(() => {
      sqlite
        .prepare('INSERT INTO cohort (id, name, ownerId, joinCode, stuckAfterMinutes, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, 'Live class', owner.id, `JOIN-${id}`, 15, now, now);
      sqlite.prepare('INSERT INTO cohort_lab (cohortId, labId, dueAt) VALUES (?, ?, ?)').run(id, LAB, timestamp(new Date(Date.now() + 86_400_000)));
      sqlite.prepare('INSERT INTO cohort_member (cohortId, userId, joinedAt) VALUES (?, ?, ?)').run(id, learner.id, now);
    })();
    return id;
  } finally {
    sqlite.close();
  }
}

test('the class view follows a learner through a lab step without a reload', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const learnerContext = await browser.newContext({ baseURL: process.env.FLATNET_E2E_URL });
  try {
    const learnerPage = await learnerContext.newPage();
    const learner = await signUp(learnerPage);
    const cohortId = createCohort(learner.email);
    const classViewPath = `/instructor/cohorts/${cohortId}`;

    await signIn(page, E2E_INSTRUCTOR, classViewPath);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Live class: class view');
    await expect(page.getByTestId('class-view-live')).toHaveAttribute('data-state', 'live');
    const cell = page.getByTestId(`class-cell-${learner.email}-${LAB}`);
    await expect(cell).toHaveAttribute('data-state', 'not-started');
    // Anything that reloads the page would drop this mark.
    await page.evaluate(() => ((window as unknown as { classViewMark: string }).classViewMark = 'no reload'));

    // The learner starts the lab: the cell shows the step they are on.
    await learnerPage.goto(`/labs/${LAB}`);
    await startLab(learnerPage);
    await expect(cell).toHaveAttribute('data-state', 'in-progress', { timeout: 15_000 });
    await expect(cell).toHaveAttribute('data-step', 'run-web');
    await expect(cell).toContainText('Step 2/3: Run a pod named web');

    // They pass the step (and with it the lab's last checks): the cell turns complete, linked to the replay.
    await typeCommand(learnerPage, 'kubectl run web --image=nginx');
    await waitForTerminal(learnerPage, /pod\/web created/);
    await expect(learnerPage.getByTestId('check-web-running')).toHaveAttribute('data-passed', 'true', { timeout: 15_000 });
    await expect(cell).not.toHaveAttribute('data-step', 'run-web', { timeout: 15_000 });
    await expect(cell).toHaveAttribute('data-state', 'complete', { timeout: 15_000 });
    await expect(cell).toContainText('Complete');
    await expect(cell.getByRole('link')).toHaveAttribute('href', /^\/replay\/[a-z0-9]+$/);
    expect(await page.evaluate(() => (window as unknown as { classViewMark?: string }).classViewMark)).toBe('no reload');
    expect(await seriousViolations(page)).toEqual([]);

    // The CSV export says the same.
    const csv = await page.request.get(`/api/cohorts/${cohortId}/matrix.csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const lines = (await csv.text()).split('\r\n');
    expect(lines[0]).toContain('learner_name,learner_email,lab_id');
    expect(lines.find((line) => line.includes(learner.email))).toContain(`${LAB},Your first pod and its address,complete`);

    // The learner cannot see the class: the page, the stream and the export all answer 404.
    expect((await learnerPage.goto(classViewPath))?.status()).toBe(404);
    expect((await learnerPage.request.get(`/api/cohorts/${cohortId}/class-view/events`)).status()).toBe(404);
    expect((await learnerPage.request.get(`/api/cohorts/${cohortId}/matrix.csv`)).status()).toBe(404);
  } finally {
    await learnerContext.close();
  }
});
