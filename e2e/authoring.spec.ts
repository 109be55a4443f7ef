// Issue 20's acceptance, end to end: an instructor writes a small lab from scratch in the browser
// editor, sees the schema error at the line it is on, fixes it, runs the self-test (the near-miss
// mutation fails the check as it should), publishes to their cohorts, and a learner in their
// cohort opens the published lab and completes it.

import { randomBytes } from 'node:crypto';
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { seriousViolations } from './support/axe';
import { signUp, startLab, typeCommand, waitForTerminal } from './support/learner';
import { createUserFromCommandLine, signIn } from './support/staff';

// Password hashing, MDX compiles and a self-test in a child process on a busy two-core machine.
const expect = baseExpect.configure({ timeout: 30_000 });

const id = randomBytes(4).toString('hex');
const LAB = `e2e-web-${id}`;
const INSTRUCTOR = { name: `Author ${id}`, email: `author-${id}@e2e.flatnet.test`, password: `author-${id}-password` };

const LAB_YAML = `# A first lab written in the browser: one pod named web.
id: ${LAB}
title: "Run a web pod"
module: pod-network
seed: 1

setup: ""

steps:
  - id: run-web
    title: Run a pod named web
    text: steps/01-run-web.mdx
    checks:
      - id: web-running
        title: A pod named web is Running
        kind: resorce
        resource: pods
        namespace: default
        name: web
        jsonPath: "{.status.phase}"
        equals: Running
    hints:
      - "\`kubectl run NAME --image=IMAGE\` starts a single pod."

solution: |
  kubectl run web --image=nginx

mutations:
  # The right image under another name: the check looks for the pod called web.
  - name: wrong-name
    script: kubectl run webserver --image=nginx
    mustFail: [web-running]
`;

const STEP_TEXT = `## A pod of your own

Start one pod called \`web\` from the \`nginx\` image, and wait until it is Running.

\`\`\`sh run
kubectl get pods
\`\`\`
`;

const ERROR_LINE = LAB_YAML.split('\n').findIndex((line) => line.includes('kind: resorce')) + 1;

/** Replaces the open file's whole text, as a paste would. */
async function replaceText(page: Page, path: string, text: string) {
  const editor = page.getByRole('textbox', { name: path, exact: true });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

test('an instructor writes, fixes, self-tests and publishes a lab; a learner in their cohort completes it', async ({ browser }) => {
  test.setTimeout(420_000);
  expect(createUserFromCommandLine('instructor', INSTRUCTOR)).toContain(`Created instructor ${INSTRUCTOR.email}`);

  const staff = await (await browser.newContext()).newPage();
  staff.on('dialog', (dialog) => void dialog.accept());
  await signIn(staff, INSTRUCTOR, '/instructor');

  // A cohort for the learner, and its join code.
  await staff.getByLabel('Name').fill(`Authoring ${id}`);
  await staff.getByRole('button', { name: 'Create cohort' }).click();
  await expect(staff).toHaveURL(/\/instructor\/cohorts\/[^/]+\/settings$/);
  const code = (await staff.getByTestId('join-code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);

  // A new lab, from the instructor home.
  await staff.goto('/instructor');
  await staff.getByTestId('authored-labs-link').click();
  await expect(staff).toHaveURL(/\/instructor\/labs$/);
  await staff.getByLabel('Id (lowercase, digits, dashes)').fill(LAB);
  await staff.getByLabel('Title').fill('Run a web pod');
  await staff.getByRole('button', { name: 'Create lab' }).click();
  await expect(staff).toHaveURL(new RegExp(`/instructor/labs/${LAB}$`));
  await expect(staff.getByTestId('lab-editor')).toBeVisible();

  // Written from scratch: the step text first, then lab.yaml with a typo in a check's kind.
  await staff.getByLabel('New file name').fill('01-run-web');
  await staff.getByRole('button', { name: 'Add step text' }).click();
  await expect(staff.getByRole('tab', { name: 'steps/01-run-web.mdx' })).toHaveAttribute('aria-selected', 'true');
  await replaceText(staff, 'steps/01-run-web.mdx', STEP_TEXT);
  await expect(staff.getByTestId('step-preview-body').getByRole('heading', { name: 'A pod of your own' })).toBeVisible();
  for (const scaffolded of ['steps/01-fix-target-port.mdx', 'files/api.yaml']) {
    await staff.getByRole('tab', { name: scaffolded }).click();
    await staff.getByRole('button', { name: `Remove ${scaffolded}` }).click();
    await expect(staff.getByRole('tab', { name: scaffolded })).toHaveCount(0);
  }
  await staff.getByRole('tab', { name: 'lab.yaml' }).click();
  await replaceText(staff, 'lab.yaml', LAB_YAML);

  // The schema error, at its line: in the list and on the editor's line.
  await expect(staff.getByTestId('validation-state')).toHaveAttribute('data-state', 'invalid');
  await expect(staff.getByTestId('issue-list')).toContainText(`lab.yaml:${ERROR_LINE} steps[0].checks[0].kind: unknown check kind "resorce"`);
  await expect(staff.getByTestId('code-editor')).toHaveAttribute('data-error-lines', String(ERROR_LINE));
  await expect(staff.locator('.cm-lintRange-error')).toHaveText('kind: resorce');

  // Fixed by typing over the word: to the end of the marked line, select the word before, retype it.
  await staff.locator('.cm-lintRange-error').click();
  await staff.keyboard.press('End');
  await staff.keyboard.press('Control+Shift+ArrowLeft');
  await staff.keyboard.type('resource');
  await expect(staff.getByTestId('validation-state')).toHaveAttribute('data-state', 'valid');
  await expect(staff.getByTestId('code-editor')).toHaveAttribute('data-error-lines', '');
  expect(await seriousViolations(staff)).toEqual([]);

  // Publishing waits for a self-test; the self-test saves, then proves each phase.
  await expect(staff.getByTestId('publish-lab')).toBeDisabled();
  await staff.getByTestId('run-self-test').click();
  await expect(staff.getByTestId('self-test-verdict')).toHaveText('Self-test passed', { timeout: 150_000 });
  const mutation = staff.getByTestId('self-test-phase').filter({ hasText: 'Mutation “wrong-name” fails the checks it names' });
  await expect(mutation.first()).toHaveAttribute('data-ok', 'true');
  await expect(mutation.first().getByTestId('self-test-check-web-running')).toHaveAttribute('data-passed', 'false');
  await expect(staff.getByTestId('self-test-phase').filter({ hasText: 'Every check passes after the solution' }).first()).toHaveAttribute('data-ok', 'true');

  await staff.getByLabel('Note (optional)').fill('First version');
  await staff.getByTestId('publish-lab').click();
  await expect(staff.getByTestId('editor-notice')).toContainText('Published as version 1');
  await expect(staff.getByTestId('version-1')).toHaveAttribute('data-current', 'true');

  // A learner in the instructor's cohort opens it and completes it.
  const learnerPage = await (await browser.newContext()).newPage();
  await signUp(learnerPage);
  await learnerPage.goto('/account');
  await learnerPage.getByLabel('Join code').fill(code);
  await learnerPage.getByRole('button', { name: 'Join' }).click();
  await expect(learnerPage.getByTestId('join-cohort-message')).toHaveText(`You joined Authoring ${id}.`);
  // The published lab is listed for the cohort's learners on their account page.
  await learnerPage.goto('/account');
  await learnerPage.getByTestId(`authored-lab-${LAB}`).getByRole('link').click();
  await expect(learnerPage).toHaveURL(new RegExp(`/labs/custom/${LAB}$`));
  await expect(learnerPage.getByRole('heading', { name: 'A pod of your own' })).toBeVisible();
  expect(await seriousViolations(learnerPage)).toEqual([]);
  await startLab(learnerPage);
  await typeCommand(learnerPage, 'kubectl run web --image=nginx');
  await waitForTerminal(learnerPage, /pod\/web created/);
  await expect(learnerPage.getByTestId('check-web-running')).toHaveAttribute('data-passed', 'true');
  await expect(learnerPage.getByTestId('lab-complete')).toBeVisible();
});

test('Try it opens a terminal on the saved draft, and Record solution writes what was typed into lab.yaml', async ({ browser }) => {
  test.setTimeout(240_000);
  const author = { name: `Trier ${id}`, email: `trier-${id}@e2e.flatnet.test`, password: `trier-${id}-password` };
  expect(createUserFromCommandLine('instructor', author)).toContain(`Created instructor ${author.email}`);
  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, author, '/instructor/labs');
  const lab = `e2e-try-${id}`;
  await staff.getByLabel('Id (lowercase, digits, dashes)').fill(lab);
  await staff.getByLabel('Title').fill('A scaffold to try');
  await staff.getByRole('button', { name: 'Create lab' }).click();
  await expect(staff).toHaveURL(new RegExp(`/instructor/labs/${lab}$`));

  // The scaffold: a Service whose targetPort is wrong. Fixed in the trial terminal.
  await staff.getByTestId('try-it').click();
  const trial = staff.getByRole('region', { name: 'Trial run' });
  await expect(trial.getByTestId('connection-state')).toHaveText('Connected', { timeout: 30_000 });
  await expect(trial.getByTestId('check-client-reaches-api')).toHaveAttribute('data-passed', 'false');
  await typeCommand(staff, 'kubectl get svc api');
  await waitForTerminal(staff, /api\s+ClusterIP/);
  await typeCommand(staff, "sed -i 's/targetPort: 8080/targetPort: 80/' /lab/api.yaml");
  await typeCommand(staff, 'kubectl apply -f /lab/api.yaml');
  await waitForTerminal(staff, /service\/api configured/);
  await expect(trial.getByTestId('check-client-reaches-api')).toHaveAttribute('data-passed', 'true');

  await staff.getByTestId('record-solution').click();
  await expect(staff.getByTestId('try-message')).toContainText('Recorded 3 commands');
  await staff.getByTestId('save-draft').click();
  await expect(staff.getByTestId('save-draft')).toHaveText('Saved');

  // The saved lab.yaml (CodeMirror draws only the lines in view, so it is read from the draft).
  const saved = await staff.request.get(`/api/authoring/labs/${lab}`);
  expect(saved.ok()).toBe(true);
  const labYaml = ((await saved.json()) as { files: Record<string, string> }).files['lab.yaml'];
  expect(labYaml).toContain("solution: |\n  kubectl get svc api\n  sed -i 's/targetPort: 8080/targetPort: 80/' /lab/api.yaml\n  kubectl apply -f /lab/api.yaml\n\nmutations:");
  expect(labYaml).toContain('# Runs in the simulated cluster before the learner arrives');
  expect(labYaml).toContain('mustFail: [client-reaches-api]');
});
