import { describe, expect, it } from 'vitest';
import { gradeChecks } from './grader';
import { FakeSimulation, labFromDefinition, podCheck } from './labs-test-kit';
import type { Simulation } from '../simulation/contract';

function labWith(...checks: Record<string, unknown>[]) {
  return labFromDefinition({
    id: 'grader-lab',
    title: 'Grader',
    module: 'm',
    steps: [
      { id: 'one', title: 'One', text: 'steps/one.mdx', checks },
      { id: 'two', title: 'Two', text: 'steps/two.mdx', checks: [podCheck('other', { equals: 'Running' })] },
    ],
    solution: 'kubectl run web --image=nginx',
  });
}

async function simWith(...commands: string[]): Promise<FakeSimulation> {
  const sim = new FakeSimulation();
  for (const command of commands) await sim.exec(command);
  return sim;
}

describe('gradeChecks on resource checks', () => {
  const running = labWith(podCheck('web-running', { equals: 'Running' }));

  it('fails with resource.not_found when there is no such pod, naming pods the learner may have meant', async () => {
    const sim = await simWith('kubectl run webserver --image=nginx', 'kubectl run db --image=postgres');
    expect(await gradeChecks(running, sim, 'one')).toEqual([
      {
        checkId: 'web-running',
        passed: false,
        feedbackId: 'resource.not_found',
        params: { resource: 'pods', namespace: 'default', name: 'web', similar: ['webserver'] },
        reason: 'no pod named web in namespace default (similar: webserver)',
      },
    ]);
  });

  it('fails with value_mismatch while the pod is still being created, with the model\'s reason', async () => {
    const sim = await simWith('kubectl run web --image=nginx');
    expect(await gradeChecks(running, sim, 'one')).toEqual([
      {
        checkId: 'web-running',
        passed: false,
        feedbackId: 'resource.value_mismatch',
        params: { resource: 'pods', namespace: 'default', name: 'web', jsonPath: '{.status.phase}', expected: 'Running', actual: 'Pending' },
        reason: 'pod default/web is Pending (ContainerCreating) on node-1',
      },
    ]);
  });

  it('passes with resource.ok once the model says Running', async () => {
    const sim = await simWith('kubectl run web --image=nginx');
    sim.advanceTo(5_000);
    expect(await gradeChecks(running, sim, 'one')).toEqual([
      {
        checkId: 'web-running',
        passed: true,
        feedbackId: 'resource.ok',
        params: { resource: 'pods', namespace: 'default', name: 'web', jsonPath: '{.status.phase}', actual: 'Running' },
        reason: 'pod default/web is Running on node-1 with IP 10.244.1.5',
      },
    ]);
  });

  it('explains a pod stuck pulling its image', async () => {
    const sim = await simWith('kubectl run web --image=nginx:bad');
    sim.advanceTo(5_000);
    const [result] = await gradeChecks(running, sim, 'one');
    expect(result.passed).toBe(false);
    expect(result.reason).toBe('pod default/web is Pending (ImagePullBackOff) on node-1 with IP 10.244.1.5');
  });

  it('evaluates filters, matches and exists', async () => {
    const lab = labWith(
      podCheck('ready', { jsonPath: '{.status.conditions[?(@.type=="Ready")].status}', equals: 'True' }),
      podCheck('ip', { jsonPath: '{.status.podIP}', matches: '^10\\.244\\.' }),
      podCheck('has-ip', { jsonPath: '{.status.podIP}', exists: true }),
      podCheck('no-reason', { jsonPath: '{.status.reason}', exists: false }),
      podCheck('not-ready-yet', { jsonPath: '{.status.phase}', matches: '^Pend' }),
    );
    const sim = await simWith('kubectl run web --image=nginx');
    expect((await gradeChecks(lab, sim, 'one')).map((r) => [r.checkId, r.passed, r.feedbackId])).toEqual([
      ['ready', false, 'resource.field_missing'],
      ['ip', false, 'resource.field_missing'],
      ['has-ip', false, 'resource.field_missing'],
      ['no-reason', true, 'resource.absent_ok'],
      ['not-ready-yet', true, 'resource.ok'],
    ]);
    sim.advanceTo(5_000);
    expect((await gradeChecks(lab, sim, 'one')).map((r) => [r.checkId, r.passed, r.feedbackId])).toEqual([
      ['ready', true, 'resource.ok'],
      ['ip', true, 'resource.ok'],
      ['has-ip', true, 'resource.ok'],
      ['no-reason', true, 'resource.absent_ok'],
      ['not-ready-yet', false, 'resource.pattern_mismatch'],
    ]);
  });

  it('reports a field that should be absent', async () => {
    const lab = labWith(podCheck('no-ip', { jsonPath: '{.status.podIP}', exists: false }));
    const sim = await simWith('kubectl run web --image=nginx');
    sim.advanceTo(5_000);
    expect((await gradeChecks(lab, sim, 'one'))[0]).toMatchObject({
      passed: false,
      feedbackId: 'resource.field_present',
      params: { jsonPath: '{.status.podIP}', actual: '10.244.1.5' },
    });
  });

  it('compares numbers and booleans the way kubectl prints them', async () => {
    const lab = labWith(
      podCheck('restarts', { jsonPath: '{.status.containerStatuses[0].restartCount}', equals: 0 }),
      podCheck('ready-flag', { jsonPath: '{.status.containerStatuses[0].ready}', equals: true }),
    );
    const sim = new FakeSimulation();
    sim.put('pods', 'default', { metadata: { name: 'web' }, status: { phase: 'Running', containerStatuses: [{ restartCount: 0, ready: true }] } });
    expect((await gradeChecks(lab, sim, 'one')).map((r) => r.passed)).toEqual([true, true]);
  });

  it('reads cluster-scoped resources without a namespace', async () => {
    const lab = labWith({ id: 'cidr', title: 'CIDR', kind: 'resource', resource: 'nodes', name: 'node-1', jsonPath: '{.spec.podCIDR}', equals: '10.244.1.0/24' });
    const sim = new FakeSimulation();
    sim.put('nodes', undefined, { metadata: { name: 'node-1' }, spec: { podCIDR: '10.244.1.0/24' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } });
    expect(await gradeChecks(lab, sim, 'one')).toEqual([
      {
        checkId: 'cidr',
        passed: true,
        feedbackId: 'resource.ok',
        params: { resource: 'nodes', name: 'node-1', jsonPath: '{.spec.podCIDR}', actual: '10.244.1.0/24' },
        reason: 'node node-1 is Ready, podCIDR 10.244.1.0/24',
      },
    ]);
  });

  it('grades every step when no step is named, and refuses an unknown step', async () => {
    const sim = await simWith();
    expect((await gradeChecks(running, sim)).map((r) => r.checkId)).toEqual(['web-running', 'other']);
    await expect(gradeChecks(running, sim, 'three')).rejects.toThrow('lab grader-lab has no step "three"');
  });

  it('turns a fault in the model into check.error instead of throwing into the session', async () => {
    const broken: Simulation = Object.assign(new FakeSimulation(), {
      get: () => {
        throw new Error('store is gone');
      },
    });
    expect(await gradeChecks(running, broken, 'one')).toEqual([
      { checkId: 'web-running', passed: false, feedbackId: 'check.error', params: { message: 'store is gone' }, reason: 'store is gone' },
    ]);
  });
});
