import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { LABCTL_USAGE, main, type LabctlIo } from './labctl';
import { fakeDeps } from './labs-test-kit';
import { tryLoadLab } from './loader';
import { readLabFolder } from './lab-files';
import { packLabArchive } from './lab-archive';
import { writeFileSync } from 'node:fs';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const testdata = join(import.meta.dirname, 'testdata');

async function run(argv: string[], options: Partial<LabctlIo> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: repoRoot,
    env: {},
    ...options,
  });
  return { code, stdout, stderr };
}

describe('labctl test', () => {
  it('--json prints exactly {"labs": [{id, module, passed, checks, mutations, failures, seeds, phases}]} for the course', async () => {
    const { code, stdout, stderr } = await run(['test', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const parsed: unknown = JSON.parse(stdout);
    expect(Object.keys(parsed as object)).toEqual(['labs']);
    const { labs } = parsed as { labs: Record<string, unknown>[] };
    for (const lab of labs) expect(Object.keys(lab)).toEqual(['id', 'module', 'passed', 'checks', 'mutations', 'failures', 'seeds', 'phases']);
    expect(labs.find((lab) => lab.id === 'pod-network-basics')).toMatchObject({
      id: 'pod-network-basics',
      module: 'pod-network',
      passed: true,
      checks: 4,
      mutations: 5,
      failures: [],
      seeds: [1],
    });
    // Every lab of the course runs here, each mutation in a fresh simulation: the time grows with the course.
  }, 120_000);

  it('takes lab ids and paths, and prints one line per lab for people', async () => {
    const env = { FLATNET_CONTENT_DIR: join(testdata, 'content') };
    const { code, stdout } = await run(['test', 'files-lab', 'lab-engine/labs/testdata/bad/unknown-kind/lab.yaml'], { env, deps: fakeDeps() });
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        '✓ files-lab (test-module): 2 checks, 1 mutation',
        '✗ unknown-kind: 0 checks, 0 mutations',
        '    lab-engine/labs/testdata/bad/unknown-kind/lab.yaml:9:9: steps[0].checks[0].expect: required field is missing (expected a mapping of fields)',
        '    lab-engine/labs/testdata/bad/unknown-kind/lab.yaml:15:9: steps[0].checks[1].kind: unknown check kind "resorce"; the kinds that exist are: resource, reachability, dns, http, command, answer, load. Did you mean "resource"?',
        '    lab-engine/labs/testdata/bad/unknown-kind/lab.yaml:16:9: steps[0].checks[2].kind: required field is missing: every check needs a kind (one of: resource, reachability, dns, http, command, answer, load)',
        '2 labs: 1 passed, 1 failed',
        '',
      ].join('\n'),
    );
  });

  it('--seeds runs a lab with variables for those learners\' draws, and says which in --json', async () => {
    const path = 'lab-engine/labs/testdata/variables/vars-lab';
    const human = await run(['test', path], { deps: fakeDeps() });
    expect(human.stdout.split('\n')[0]).toMatch(/^✓ vars-lab \(test-module\): 1 check, 1 mutation, seeds \d+, \d+, \d+$/);
    const { code, stdout } = await run(['test', path, '--json', '--seeds', '5,9'], { deps: fakeDeps() });
    expect(code).toBe(0);
    const [lab] = (JSON.parse(stdout) as { labs: { seeds: number[]; phases: { seed: number; phase: string }[] }[] }).labs;
    expect(lab.seeds).toEqual([5, 9]);
    expect(lab.phases.map((p) => `${p.seed}:${p.phase}`)).toEqual(['5:setup', '5:initial', '5:solution', '5:solved', '5:mutation', '9:setup', '9:initial', '9:solution', '9:solved', '9:mutation']);
    const bad = await run(['test', path, '--seeds', '1,x']);
    expect([bad.code, bad.stderr]).toEqual([2, 'labctl test: --seeds takes whole numbers 0-4294967295 separated by commas, e.g. --seeds 1,2,3\n']);
  });

  it('reports a lab that fails its self-test with the failure and its output, and exits 1', async () => {
    const env = { FLATNET_CONTENT_DIR: join(testdata, 'content') };
    const deps = fakeDeps();
    const broken = { ...deps, settle: () => {} };
    const { code, stdout } = await run(['test', 'files-lab'], { env, deps: broken });
    expect(code).toBe(1);
    expect(stdout.split('\n').slice(0, 3)).toEqual([
      '✗ files-lab (test-module): 2 checks, 1 mutation',
      '    after the solution, check web-running fails: pod default/web: {.status.phase} is "Pending", expected "Running"',
      '        pod default/web is Pending (ContainerCreating) on node-1',
    ]);
    const json = await run(['test', 'files-lab', '--json'], { env, deps: broken });
    expect(JSON.parse(json.stdout).labs[0]).toMatchObject({ id: 'files-lab', passed: false, failures: [{ phase: 'solved', checkId: 'web-running' }] });
  });

  it('holds a sandbox lab to its checks right after setup, with no solution or mutations to run', async () => {
    const sandbox = 'lab-engine/labs/testdata/sandbox/sandbox-lab';
    expect((await run(['test', sandbox], { deps: fakeDeps() })).stdout).toBe('✓ sandbox-lab (test-module): 1 check, 0 mutations\n1 lab: 1 passed, 0 failed\n');
    const unsettled = { ...fakeDeps(), settle: () => {} };
    const { code, stdout } = await run(['test', sandbox], { deps: unsettled });
    expect(code).toBe(1);
    expect(stdout.split('\n')[1]).toBe('    right after setup, check web-running should pass (initially: pass) but fails: pod default/web: {.status.phase} is "Pending", expected "Running"');
  });

  it('says so when there are no labs', async () => {
    const { code, stderr } = await run(['test'], { env: { FLATNET_CONTENT_DIR: testdata } });
    expect(code).toBe(1);
    expect(stderr).toBe('labctl: no labs found in lab-engine/labs/testdata/labs\n');
  });
});

describe('labctl lint', () => {
  it('prints schema errors with file, line and field, and exits 1', async () => {
    const { code, stdout } = await run(['lint', 'content/labs/pod-network-basics', 'lab-engine/labs/testdata/bad/missing-fields']);
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        '✓ pod-network-basics',
        '✗ missing-fields',
        '    lab-engine/labs/testdata/bad/missing-fields/lab.yaml:1:1: solution: required field is missing (expected a string)',
        '    lab-engine/labs/testdata/bad/missing-fields/lab.yaml:5:5: steps[0].text: required field is missing (expected a string)',
        '2 labs: 1 passed, 1 failed',
        '',
      ].join('\n'),
    );
  });

  it('lints every lab of the course by default', async () => {
    const { code, stdout } = await run(['lint']);
    expect(code).toBe(0);
    expect(stdout).toContain('✓ pod-network-basics\n');
  });
});

describe('labctl new', () => {
  it('scaffolds a lab that passes lint and the real self-test, and never writes over a folder', async () => {
    const content = mkdtempSync(join(tmpdir(), 'labctl-new-'));
    const env = { FLATNET_CONTENT_DIR: content };
    try {
      const created = await run(['new', 'first-lab', '--title', 'First: a "quoted" lab', '--module', 'services'], { env, cwd: content });
      expect(created).toMatchObject({ code: 0, stderr: '' });
      expect(created.stdout).toContain('created labs/first-lab/ (files/api.yaml, lab.yaml, steps/01-fix-target-port.mdx)');
      expect((await run(['lint', 'first-lab'], { env })).code).toBe(0);
      const tested = await run(['test', 'first-lab', '--json'], { env });
      expect(JSON.parse(tested.stdout).labs).toMatchObject([{ id: 'first-lab', module: 'services', passed: true, checks: 1, mutations: 3, failures: [], seeds: [1] }]);
      const loaded = await tryLoadLab(join(content, 'labs', 'first-lab'));
      expect(loaded.ok && loaded.lab.title).toBe('First: a "quoted" lab');
      const again = await run(['new', 'first-lab'], { env, cwd: content });
      expect(again).toEqual({ code: 1, stdout: '', stderr: 'labctl new: labs/first-lab already exists; choose another id\n' });
    } finally {
      rmSync(content, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('labctl usage', () => {
  it.each([
    [['test', '--jsn'], "labctl test: unknown flag '--jsn' (see labctl --help)\n"],
    [['lint', '--json'], "labctl lint: unknown flag '--json' (see labctl --help)\n"],
    [['run'], 'labctl: unknown command "run"; the commands are test, lint, new, export and import (see labctl --help)\n'],
    [['new'], 'labctl new: name exactly one lab id, e.g. labctl new my-first-lab\n'],
    [['new', 'My Lab'], 'labctl new: "My Lab" is not a valid lab id: lowercase letters, digits and dashes, starting with a letter or digit, at most 64\n'],
    [['new', 'ok', '--modul', 'x'], "labctl new: unknown flag '--modul' (see labctl --help)\n"],
    [[], LABCTL_USAGE],
  ])('%j exits 2', async (argv, stderr) => {
    expect(await run(argv)).toEqual({ code: 2, stdout: '', stderr });
  });

  it('--help prints the usage and exits 0', async () => {
    expect(await run(['--help'])).toEqual({ code: 0, stdout: LABCTL_USAGE, stderr: '' });
    expect(await run(['test', '-h'])).toEqual({ code: 0, stdout: LABCTL_USAGE, stderr: '' });
  });
});

describe('labctl export and import', () => {
  it('moves a course lab through a zip byte for byte, and the imported lab passes labctl test', async () => {
    const content = mkdtempSync(join(tmpdir(), 'flatnet-import-'));
    try {
      const zip = join(content, 'out.zip');
      const exported = await run(['export', 'pod-network-basics', '--out', zip]);
      expect([exported.code, exported.stderr]).toEqual([0, '']);
      expect(exported.stdout).toMatch(/^wrote .*out\.zip \(\d+ bytes\)\n$/);
      const env = { FLATNET_CONTENT_DIR: content };
      const imported = await run(['import', zip], { env });
      expect([imported.code, imported.stderr]).toEqual([0, '']);
      expect(imported.stdout).toContain('imported pod-network-basics into');
      expect(await readLabFolder(join(content, 'labs', 'pod-network-basics'))).toEqual(await readLabFolder(join(repoRoot, 'content', 'labs', 'pod-network-basics')));
      const tested = await run(['test', 'pod-network-basics'], { env });
      expect([tested.code, tested.stdout.split('\n')[0]]).toEqual([0, '✓ pod-network-basics (pod-network): 4 checks, 5 mutations']);
      expect(await run(['import', zip], { env })).toMatchObject({ code: 1, stderr: expect.stringContaining('already exists; pass --force to replace it') });
      expect((await run(['import', zip, '--force'], { env })).code).toBe(0);
      const broken = join(content, 'broken.zip');
      writeFileSync(broken, packLabArchive('broken', { 'lab.yaml': 'id: broken\ntitle: x\n' }));
      const refused = await run(['import', broken], { env });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('holds a lab that does not load');
      expect((await run(['export', 'no-such-lab'])).stderr).toBe('labctl export: no lab no-such-lab in content/labs\n');
    } finally {
      rmSync(content, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('bin/labctl.mjs', () => {
  // Without lab-engine/dist this runs the TypeScript sources through tsx's ESM API; with it, the bundle.
  it('runs as a command and prints the JSON report', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(repoRoot, 'lab-engine', 'bin', 'labctl.mjs'), 'test', 'pod-network-basics', '--json'], {
      cwd: repoRoot,
      env: { ...process.env, FLATNET_CONTENT_DIR: '' },
    });
    expect(JSON.parse(stdout)).toMatchObject({
      labs: [{ id: 'pod-network-basics', module: 'pod-network', passed: true, checks: 4, mutations: 5, failures: [], seeds: [1] }],
    });
  });

  it('exits 2 on an unknown flag', async () => {
    const error = await promisify(execFile)(process.execPath, [join(repoRoot, 'lab-engine', 'bin', 'labctl.mjs'), 'test', '--nope'], { cwd: repoRoot }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 2, stderr: "labctl test: unknown flag '--nope' (see labctl --help)\n" });
  });
});
