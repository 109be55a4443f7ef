import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { selfTestLab } from './self-test';
import { FakeSimulation, fakeDeps, labFromDefinition, podCheck } from './labs-test-kit';
import { loadLabById } from './loader';
import { createSimulation, settle } from '../simulation/simulation';

function lab(overrides: Record<string, unknown> = {}) {
  return labFromDefinition({
    id: 'fake-lab',
    title: 'Fake',
    module: 'fake-module',
    steps: [{ id: 'run', title: 'Run', text: 'steps/run.mdx', checks: [podCheck('web-running', { equals: 'Running' })] }],
    solution: 'kubectl run web --image=nginx',
    mutations: [
      { name: 'bad-image', script: 'kubectl run web --image=nginx:bad', mustFail: ['web-running'] },
      { name: 'wrong-name', script: 'kubectl run webserver --image=nginx', mustFail: ['web-running'] },
    ],
    ...overrides,
  });
}

describe('selfTestLab on a fake simulation', () => {
  it('passes a lab whose setup fails every check, whose solution passes them and whose mutations fail', async () => {
    const created: FakeSimulation[] = [];
    const report = await selfTestLab(lab({ seed: 7, topology: { cni: 'flannel' }, files: { '/lab/a.yaml': 'x' } }), fakeDeps(created));
    expect(report).toMatchObject({ id: 'fake-lab', module: 'fake-module', passed: true, checks: 1, mutations: 2, failures: [], seeds: [1] });
    // Each phase in order, with every check's verdict and the feedback a learner would read.
    expect(report.phases).toEqual([
      { phase: 'setup', seed: 1, ok: true, checks: [] },
      { phase: 'initial', seed: 1, ok: true, checks: [{ id: 'web-running', passed: false, message: 'There is no pod named web in namespace default' }] },
      { phase: 'solution', seed: 1, ok: true, checks: [] },
      { phase: 'solved', seed: 1, ok: true, checks: [{ id: 'web-running', passed: true, message: 'pod default/web: {.status.phase} is "Running"' }] },
      { phase: 'mutation', seed: 1, mutation: 'bad-image', ok: true, checks: [{ id: 'web-running', passed: false, message: 'pod default/web: {.status.phase} is "Pending", expected "Running"' }] },
      { phase: 'mutation', seed: 1, mutation: 'wrong-name', ok: true, checks: [{ id: 'web-running', passed: false, message: 'There is no pod named web in namespace default. Did you mean webserver?' }] },
    ]);
    // One world for setup → solution, and a fresh one per mutation, each with the lab's options.
    expect(created.map((sim) => sim.commands)).toEqual([
      ['kubectl run web --image=nginx'],
      ['kubectl run web --image=nginx:bad'],
      ['kubectl run webserver --image=nginx'],
    ]);
    expect(created[0].options).toEqual({ seed: 7, topology: { cni: 'flannel', proxyMode: 'iptables' }, files: { '/lab/a.yaml': 'x' }, questions: [] });
  });

  it('uses seed 1 when the lab sets none', async () => {
    const created: FakeSimulation[] = [];
    await selfTestLab(lab(), fakeDeps(created));
    expect(created[0].options.seed).toBe(1);
  });

  it('reports a check that already passes after setup', async () => {
    const report = await selfTestLab(lab({ setup: 'kubectl run web --image=nginx', solution: 'kubectl delete pod web\nkubectl run web --image=nginx', mutations: [] }), fakeDeps());
    expect(report.passed).toBe(false);
    expect(report.phases[1]).toMatchObject({ phase: 'initial', ok: false, message: expect.stringContaining('already passes'), checks: [{ id: 'web-running', passed: true }] });
    expect(report.failures).toEqual([
      {
        phase: 'initial',
        checkId: 'web-running',
        feedbackId: 'resource.ok',
        message: 'right after setup, check web-running already passes; the learner would have nothing to do (mark it initially: pass if that is intended)',
        output: 'pod default/web is Running on node-1 with IP 10.244.1.5',
      },
    ]);
  });

  it('holds a sandbox lab to its checks right after setup, and runs nothing more', async () => {
    const steps = [{ id: 'run', title: 'Run', text: 'steps/run.mdx', checks: [podCheck('web-running', { equals: 'Running', initially: 'pass' })] }];
    const sandbox = (setup: string) => lab({ sandbox: true, steps, setup, solution: undefined, mutations: [] });
    const created: FakeSimulation[] = [];
    const healthy = await selfTestLab(sandbox('kubectl run web --image=nginx'), fakeDeps(created));
    expect(healthy).toMatchObject({ id: 'fake-lab', module: 'fake-module', passed: true, checks: 1, mutations: 0, failures: [] });
    expect(healthy.phases.map((p) => p.phase)).toEqual(['setup', 'initial']);
    expect(created.map((sim) => sim.commands)).toEqual([['kubectl run web --image=nginx']]);
    const broken = await selfTestLab(sandbox('kubectl run web --image=nginx:bad'), fakeDeps());
    expect(broken.passed).toBe(false);
    expect(broken.failures.map((f) => [f.phase, f.checkId])).toEqual([['initial', 'web-running']]);
  });

  it('holds checks marked initially: pass to passing after setup', async () => {
    const checks = [podCheck('web-running', { equals: 'Running', initially: 'pass' }), podCheck('db-running', { name: 'db', equals: 'Running' })];
    const steps = [{ id: 'run', title: 'Run', text: 'steps/run.mdx', checks }];
    const good = await selfTestLab(lab({ steps, setup: 'kubectl run web --image=nginx', solution: 'kubectl run db --image=postgres', mutations: [] }), fakeDeps());
    expect(good.failures).toEqual([]);
    const bad = await selfTestLab(lab({ steps, solution: 'kubectl run web --image=nginx\nkubectl run db --image=postgres', mutations: [] }), fakeDeps());
    expect(bad.failures).toEqual([
      {
        phase: 'initial',
        checkId: 'web-running',
        feedbackId: 'resource.not_found',
        message: 'right after setup, check web-running should pass (initially: pass) but fails: There is no pod named web in namespace default',
        output: 'no pod named web in namespace default',
      },
    ]);
  });

  it('reports checks the solution does not satisfy, with the feedback and the model\'s reason', async () => {
    const report = await selfTestLab(lab({ solution: 'kubectl run web --image=nginx:bad', mutations: [] }), fakeDeps());
    expect(report.failures).toEqual([
      {
        phase: 'solved',
        checkId: 'web-running',
        feedbackId: 'resource.value_mismatch',
        message: 'after the solution, check web-running fails: pod default/web: {.status.phase} is "Pending", expected "Running"',
        output: 'pod default/web is Pending (ImagePullBackOff) on node-1 with IP 10.244.1.5',
      },
    ]);
  });

  it('reports a mutation that the checks would accept', async () => {
    const mutations = [{ name: 'same-as-solution', script: 'kubectl run web --image=nginx', mustFail: ['web-running'] }];
    const report = await selfTestLab(lab({ mutations }), fakeDeps());
    expect(report.failures).toEqual([
      {
        phase: 'mutation',
        mutation: 'same-as-solution',
        checkId: 'web-running',
        feedbackId: 'resource.ok',
        message: 'mutation same-as-solution: check web-running should fail but passes, so it would accept this near-miss',
        output: 'pod default/web is Running on node-1 with IP 10.244.1.5',
      },
    ]);
  });

  it('stops at a setup command that fails and reports its line and output', async () => {
    const created: FakeSimulation[] = [];
    const report = await selfTestLab(lab({ setup: 'kubectl run db --image=postgres\n\nfail error: the path "/lab/app.yaml" does not exist\nkubectl run never --image=x' }), fakeDeps(created));
    expect(report).toMatchObject({ passed: false, checks: 1, mutations: 2 });
    expect(report.failures).toEqual([
      {
        phase: 'setup',
        line: 3,
        command: 'fail error: the path "/lab/app.yaml" does not exist',
        message: 'setup, line 3: `fail error: the path "/lab/app.yaml" does not exist` exited with 1',
        output: 'error: the path "/lab/app.yaml" does not exist',
      },
    ]);
    // Nothing after a broken setup means anything: no solution, no mutations.
    expect(created).toHaveLength(1);
    expect(created[0].commands).toHaveLength(2);
  });

  it('reports failing solution and mutation commands, and still runs the mutations', async () => {
    const mutations = [{ name: 'typo', script: 'kubctl run web --image=nginx', mustFail: ['web-running'] }];
    const report = await selfTestLab(lab({ solution: 'kubectl run web --image=nginx\nkubectl run web --image=nginx', mutations }), fakeDeps());
    expect(report.failures).toEqual([
      {
        phase: 'solution',
        line: 2,
        command: 'kubectl run web --image=nginx',
        message: 'solution, line 2: `kubectl run web --image=nginx` exited with 1',
        output: 'Error from server (AlreadyExists): pods "web" already exists',
      },
      {
        phase: 'mutation',
        mutation: 'typo',
        line: 1,
        command: 'kubctl run web --image=nginx',
        message: 'mutation typo, line 1: `kubctl run web --image=nginx` exited with 127',
        output: 'fake: kubctl: command not found',
      },
    ]);
  });

  it('reports a simulation that cannot start instead of throwing', async () => {
    const deps = { ...fakeDeps(), createSimulation: () => { throw new Error('no memory'); } };
    const report = await selfTestLab(lab(), deps);
    expect(report.failures).toEqual([{ phase: 'setup', message: 'the simulation could not start: no memory' }]);
    expect(report.phases).toEqual([{ phase: 'setup', seed: 1, ok: false, message: 'the simulation could not start: no memory', checks: [] }]);
  });
});

describe('selfTestLab on the real simulation', () => {
  const deps = { createSimulation: (options: Parameters<typeof createSimulation>[0]) => createSimulation(options), settle };
  const content = resolve(import.meta.dirname, '..', '..', 'content');

  it('proves pod-network-basics solvable, with every mutation caught', async () => {
    const lab = await loadLabById(content, 'pod-network-basics');
    const report = await selfTestLab(lab, deps);
    expect(report).toMatchObject({ id: 'pod-network-basics', module: 'pod-network', passed: true, checks: 4, mutations: 5, failures: [], seeds: [1] });
    expect(report.phases.map((p) => p.phase)).toEqual(['setup', 'initial', 'solution', 'solved', ...lab.mutations.map(() => 'mutation')]);
  });

  it('catches a wrong solution and a mutation the checks would accept', async () => {
    const lab = await loadLabById(content, 'pod-network-basics');
    const broken = {
      ...lab,
      solution: 'kubectl run webserver --image=nginx',
      mutations: [{ name: 'same-as-solution', script: 'kubectl run web --image=nginx', mustFail: ['web-running'] }],
    };
    const report = await selfTestLab(broken, deps);
    expect(report.passed).toBe(false);
    expect(report.failures.map((f) => [f.phase, f.checkId, f.feedbackId, f.output])).toEqual([
      ['solved', 'web-running', 'resource.not_found', 'no pod named web in namespace default (similar: webserver)'],
      ['solved', 'web-ready', 'resource.not_found', 'no pod named web in namespace default (similar: webserver)'],
      ['solved', 'web-has-pod-ip', 'resource.not_found', 'no pod named web in namespace default (similar: webserver)'],
      ['solved', 'web-answers-across-nodes', 'check.error', 'there is no pod default/web yet'],
      ['mutation', 'web-running', 'resource.ok', expect.stringMatching(/^pod default\/web is Running on node-\d with IP 10\.244\.\d+\.\d+$/)],
    ]);
  });

  it('reports a setup command the simulated cluster rejects', async () => {
    const lab = await loadLabById(content, 'pod-network-basics');
    const report = await selfTestLab({ ...lab, setup: 'kubectl apply -f /lab/missing.yaml' }, deps);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatchObject({ phase: 'setup', line: 1, command: 'kubectl apply -f /lab/missing.yaml' });
    expect(report.failures[0].message).toBe('setup, line 1: `kubectl apply -f /lab/missing.yaml` exited with 1');
    expect(report.failures[0].output).not.toBe('');
  });
});
