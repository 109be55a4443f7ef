import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from './simulation';

async function simWithPods() {
  const sim = createSimulation({ seed: 1 });
  await sim.exec('kubectl run web --image=nginx --labels=app=web,tier=front');
  await sim.exec('kubectl run api --image=nginx --labels=app=api,tier=back');
  await sim.exec('kubectl run tool --image=busybox -- sleep 1d');
  settle(sim);
  return sim;
}

describe('Simulation.view()', () => {
  it('gets one object in its kind type, read-only and live', async () => {
    const sim = await simWithPods();
    const view = sim.view();
    const web = view.get('pods', 'default', 'web');
    expect(web?.kind).toBe('Pod');
    expect(web?.status.phase).toBe('Running');
    expect(web?.status.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
    // @ts-expect-error the view hands out the model's objects: writing to one does not compile
    if (web) web.metadata.name = 'renamed';
    await sim.exec('kubectl label pod web extra=yes');
    expect(view.get('pods', 'default', 'web')?.metadata.labels).toMatchObject({ app: 'web', extra: 'yes' });
  });

  it('lists by a label selector as kubectl -l takes it', async () => {
    const view = (await simWithPods()).view();
    const names = (selector: string) => view.list('pods', 'default', selector).map((p) => p.metadata.name);
    expect(names('app=web')).toEqual(['web']);
    expect(names('tier in (front,back)').sort()).toEqual(['api', 'web']);
    expect(names('app!=web').sort()).toEqual(['api', 'tool']);
    expect(names('!tier')).toEqual(['tool']);
    expect(names('app=web,tier=back')).toEqual([]);
    expect(view.list('pods', 'default').map((p) => p.metadata.name).sort()).toEqual(['api', 'tool', 'web']);
    expect(() => view.list('pods', 'default', 'app=a=b')).toThrow(/unable to parse requirement/);
  });

  it('resolves resource names as kubectl does, and ignores the namespace of cluster-scoped kinds', async () => {
    const view = (await simWithPods()).view();
    expect(view.get('po', 'default', 'web')?.metadata.name).toBe('web');
    expect(view.get('deployments.apps', 'kube-system', 'coredns')?.kind).toBe('Deployment');
    expect(view.get('nodes', 'default', 'node-1')?.spec.podCIDR).toBe('10.244.1.0/24');
    expect(view.list('no').map((n) => n.metadata.name)).toEqual(['control-plane', 'node-1', 'node-2']);
    expect(view.resource('svc')).toMatchObject({ resource: 'services', kind: 'Service', namespaced: true });
    // Any name at run time (a lab's `resource:`) gives the union of kinds, told apart by `kind`.
    const any = view.get('services', 'default', 'kubernetes');
    expect(any?.kind === 'Service' ? any.spec.clusterIP : undefined).toBe('10.96.0.1');
  });

  it('has no objects for a resource the API server does not serve', async () => {
    const view = (await simWithPods()).view();
    expect(view.resource('widgets')).toBeUndefined();
    expect(view.get('widgets', 'default', 'web')).toBeUndefined();
    expect(view.list('widgets', 'default')).toEqual([]);
    expect(view.list('widgets', 'default', 'app=web')).toEqual([]);
  });
});
