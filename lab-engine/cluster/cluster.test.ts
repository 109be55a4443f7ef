import { describe, expect, it } from 'vitest';
import { ManualClock, SIMULATION_EPOCH_MS } from '../core/clock';
import { createRng } from '../core/random';
import { bootstrapCluster } from '../simulation/cluster-bootstrap';
import { ApiError } from '../kube/api-errors';
import type { PodRequest } from './pod-admission';

function fresh(seed = 1) {
  const clock = new ManualClock(SIMULATION_EPOCH_MS);
  return { clock, cluster: bootstrapCluster(clock, createRng(seed), { cni: 'calico', proxyMode: 'iptables' }) };
}

const pod = (name: string, image = 'nginx', extra: Partial<PodRequest> = {}): PodRequest => ({ name, namespace: 'default', containers: [{ name, image }], ...extra });

describe('default topology', () => {
  it('has three nodes with per-node pod CIDRs and a tainted control plane', () => {
    const { cluster } = fresh();
    const nodes = cluster.list('nodes');
    expect(nodes.map((n) => [n.metadata.name, n.spec.podCIDR, n.status.addresses[0].address])).toEqual([
      ['control-plane', '10.244.0.0/24', '172.18.0.2'],
      ['node-1', '10.244.1.0/24', '172.18.0.3'],
      ['node-2', '10.244.2.0/24', '172.18.0.4'],
    ]);
    expect(nodes[0].spec.taints).toEqual([{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }]);
    expect(cluster.list('namespaces').map((n) => n.metadata.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  });

  it('runs the kubeadm + calico kube-system pods', () => {
    const names = fresh().cluster.list('pods', 'kube-system').map((p) => (p.metadata.name.endsWith('-control-plane') ? p.metadata.name : p.metadata.name.replace(/-[a-z0-9]{5}$/, '-X').replace(/-[a-z0-9]{9,10}-X$/, '-H-X')));
    expect(names).toEqual([
      'calico-kube-controllers-H-X', 'calico-node-X', 'calico-node-X', 'calico-node-X', 'coredns-H-X', 'coredns-H-X',
      'etcd-control-plane', 'kube-apiserver-control-plane', 'kube-controller-manager-control-plane',
      'kube-proxy-X', 'kube-proxy-X', 'kube-proxy-X', 'kube-scheduler-control-plane',
    ]);
  });
});

describe('pod lifecycle', () => {
  it('schedules at once, gets an IP after the sandbox, runs after the pull', () => {
    const { clock, cluster } = fresh();
    const p = cluster.api.create('pods', pod('web'));
    expect(p.spec.nodeName).toMatch(/^node-[12]$/);
    expect(p.status.containerStatuses?.[0].state.waiting?.reason).toBe('ContainerCreating');
    expect(p.status.podIP).toBeUndefined();
    cluster.advanceTo(clock.now() + 1_000);
    expect(p.status.podIP).toBe(p.spec.nodeName === 'node-1' ? '10.244.1.2' : '10.244.2.2');
    cluster.advanceTo(clock.now() + 4_000);
    expect(p.status.phase).toBe('Running');
    expect(p.status.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(p.status.containerStatuses?.[0].state.running?.startedAt).toBe('2026-01-05T09:00:05Z');
  });

  it('spreads pods over the workers and never onto the tainted control plane', () => {
    const { cluster } = fresh();
    const nodes = ['a', 'b', 'c', 'd'].map((n) => cluster.api.create('pods', pod(n)).spec.nodeName);
    expect(nodes.filter((n) => n === 'node-1')).toHaveLength(2);
    expect(nodes.filter((n) => n === 'node-2')).toHaveLength(2);
  });

  it('an unknown tag goes ErrImagePull → ImagePullBackOff and never runs', () => {
    const { clock, cluster } = fresh();
    const p = cluster.api.create('pods', pod('bad', 'nginx:does-not-exist'));
    cluster.advanceTo(clock.now() + 2_600);
    expect(p.status.containerStatuses?.[0].state.waiting?.reason).toBe('ErrImagePull');
    cluster.advanceTo(clock.now() + 1_000);
    expect(p.status.containerStatuses?.[0].state.waiting?.reason).toBe('ImagePullBackOff');
    cluster.advanceTo(clock.now() + 3_600_000);
    expect(p.status.phase).toBe('Pending');
  });

  it('graceful delete: Terminating until the container stops, then gone and its IP free', () => {
    const { clock, cluster } = fresh();
    const p = cluster.api.create('pods', pod('s', 'busybox', { containers: [{ name: 's', image: 'busybox', args: ['sleep', '3600'] }] }));
    cluster.advanceTo(clock.now() + 10_000);
    const ip = p.status.podIP;
    cluster.api.delete('pods', 'default', 's');
    expect(p.metadata.deletionTimestamp).toBe('2026-01-05T09:00:40Z');
    cluster.advanceTo(clock.now() + 29_000);
    expect(cluster.get('pods', 'default', 's')).toBeDefined();
    cluster.advanceTo(clock.now() + 1_000);
    expect(cluster.get('pods', 'default', 's')).toBeUndefined();
    const next = cluster.api.create('pods', pod('t'));
    cluster.advanceTo(clock.now() + 1_000);
    expect(next.status.podIP).not.toBe(ip);
  });

  it('answers with the API server errors', () => {
    const { cluster } = fresh();
    cluster.api.create('pods', pod('web'));
    const error = (() => {
      try {
        cluster.api.create('pods', pod('web'));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ reason: 'AlreadyExists', code: 409, message: 'pods "web" already exists' });
    expect(() => cluster.api.delete('pods', 'default', 'nope')).toThrow('pods "nope" not found');
    expect(() => cluster.api.create('pods', { ...pod('x'), namespace: 'nope' })).toThrow('namespaces "nope" not found');
    expect(() => cluster.api.create('pods', pod('Bad_Name'))).toThrow(/Pod "Bad_Name" is invalid/);
  });

  it('bumps resourceVersion on every write', () => {
    const { clock, cluster } = fresh();
    const p = cluster.api.create('pods', pod('web'));
    const rv = Number(p.metadata.resourceVersion);
    cluster.advanceTo(clock.now() + 10_000);
    expect(Number(p.metadata.resourceVersion)).toBeGreaterThan(rv);
    expect(cluster.generation()).toBe(Number(p.metadata.resourceVersion));
  });
});
