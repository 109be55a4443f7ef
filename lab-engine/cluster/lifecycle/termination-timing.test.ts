import { describe, expect, it } from 'vitest';
import type { Container, EndpointSlice, Pod } from '../../kube/types';
import { ENDPOINT_PROPAGATION_MS, preStopMs, sigtermAt, slicesAsSynced } from './termination-timing';

const container = (lifecycle?: Container['lifecycle']): Container =>
  ({ name: 'web', image: 'ghcr.io/flatnet-labs/shop-web:2.4.1', imagePullPolicy: 'IfNotPresent', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', ...(lifecycle ? { lifecycle } : {}) });

const T0 = Date.parse('2026-01-01T00:00:00Z');

function deletedPod(lifecycle: Container['lifecycle'] | undefined, graceSeconds: number): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'shop', deletionTimestamp: new Date(T0 + graceSeconds * 1000).toISOString(), deletionGracePeriodSeconds: graceSeconds },
    spec: { containers: [container(lifecycle)] },
    status: { phase: 'Running' },
  } as unknown as Pod;
}

describe('termination timing', () => {
  it('reads how long a preStop hook holds SIGTERM back: the sleep action, or an exec that sleeps', () => {
    expect(preStopMs(container())).toBe(0);
    expect(preStopMs(container({ preStop: { sleep: { seconds: 5 } } }))).toBe(5_000);
    expect(preStopMs(container({ preStop: { exec: { command: ['sleep', '10'] } } }))).toBe(10_000);
    expect(preStopMs(container({ preStop: { exec: { command: ['/bin/sh', '-c', 'sleep 3 && nginx -s quit'] } } }))).toBe(3_000);
    expect(preStopMs(container({ preStop: { exec: { command: ['nginx', '-s', 'quit'] } } }))).toBe(0);
    expect(preStopMs(container({ preStop: { httpGet: { path: '/shutdown', port: 8080 } } }))).toBe(0);
  });

  it('sends SIGTERM at the DELETE without a hook, after the hook with one, and never after the grace period', () => {
    expect(sigtermAt(deletedPod(undefined, 30))).toBe(T0);
    expect(sigtermAt(deletedPod({ preStop: { sleep: { seconds: 5 } } }, 30))).toBe(T0 + 5_000);
    expect(sigtermAt(deletedPod({ preStop: { sleep: { seconds: 60 } } }, 30))).toBe(T0 + 30_000);
  });

  it('keeps a deleted pod in the synced EndpointSlices until the change has propagated', () => {
    const pod = deletedPod(undefined, 30);
    const slice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'web-abc', namespace: 'shop' },
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      endpoints: [
        { addresses: ['10.244.1.4'], conditions: { ready: false, serving: true, terminating: true }, targetRef: { kind: 'Pod', name: 'web-1', namespace: 'shop', uid: 'u' } },
        { addresses: ['10.244.2.5'], conditions: { ready: true, serving: true, terminating: false }, targetRef: { kind: 'Pod', name: 'web-2', namespace: 'shop', uid: 'v' } },
      ],
    } as unknown as EndpointSlice;
    const podOf = (_ns: string, name: string) => (name === 'web-1' ? pod : undefined);
    const early = slicesAsSynced([slice], podOf, T0 + ENDPOINT_PROPAGATION_MS - 1)[0]!;
    expect(early.endpoints[0]!.conditions).toEqual({ ready: true, serving: true, terminating: false });
    const late = slicesAsSynced([slice], podOf, T0 + ENDPOINT_PROPAGATION_MS)[0]!;
    expect(late).toBe(slice);
  });
});
