import { describe, expect, it } from 'vitest';
import type { Node } from '../../kube/types';
import { type CloudRouteAccess, type CloudRouteEntry, reconcileRoutes } from './route-controller';

const AT = '2026-12-07T03:00:00Z';
const LATER = '2026-12-07T03:05:00Z';

function node(name: string, uid: string, ip: string, podCIDR: string, networkUnavailable?: 'True' | 'False'): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid },
    spec: { podCIDR, podCIDRs: podCIDR ? [podCIDR] : [] },
    status: {
      addresses: [{ type: 'InternalIP', address: ip }],
      allocatable: {},
      capacity: {},
      conditions: networkUnavailable
        ? [{ type: 'NetworkUnavailable', status: networkUnavailable, reason: networkUnavailable === 'False' ? 'RouteCreated' : 'NoRouteCreated', message: '', lastTransitionTime: AT }]
        : [],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: { architecture: 'amd64', bootID: '', containerRuntimeVersion: '', kernelVersion: '', kubeletVersion: '', machineID: '', operatingSystem: 'linux', osImage: '', systemUUID: '' },
    },
  } as Node;
}

const ALLOWED: CloudRouteAccess = { kind: 'allowed' };
const DENIED: CloudRouteAccess = { kind: 'denied', project: 'shop-prod' };
const n1 = node('node-1', 'uid-1', '172.18.0.3', '10.244.1.0/24', 'False');
const n2 = node('node-2', 'uid-2', '172.18.0.4', '10.244.2.0/24');
const route1: CloudRouteEntry = { name: 'kubernetes-uid-1', destRange: '10.244.1.0/24', nextHopNode: 'node-1', nextHopIp: '172.18.0.3' };

describe('reconcileRoutes', () => {
  it('creates the missing route from the node spec.podCIDR and marks the node RouteCreated', () => {
    const pass = reconcileRoutes('kubernetes', [n1, n2], [route1], ALLOWED, LATER);
    expect(pass.routes).toEqual([route1, { name: 'kubernetes-uid-2', destRange: '10.244.2.0/24', nextHopNode: 'node-2', nextHopIp: '172.18.0.4' }]);
    expect(pass.conditions['node-2']).toMatchObject({ type: 'NetworkUnavailable', status: 'False', reason: 'RouteCreated', message: 'RouteController created a route', lastTransitionTime: LATER });
    expect(pass.failures).toEqual([]);
  });

  it('leaves an unchanged condition as it was (no write on a settled cluster)', () => {
    const pass = reconcileRoutes('kubernetes', [n1], [route1], ALLOWED, LATER);
    expect(pass.conditions['node-1']).toBe(n1.status.conditions[0]);
  });

  it('when the cloud refuses the write: no route, NoRouteCreated, and the real error line', () => {
    const pass = reconcileRoutes('kubernetes', [n1, n2], [route1], DENIED, LATER);
    expect(pass.routes).toEqual([route1]);
    expect(pass.conditions['node-2']).toMatchObject({ status: 'True', reason: 'NoRouteCreated', message: 'RouteController failed to create a route' });
    expect(pass.conditions['node-1']).toMatchObject({ status: 'False', reason: 'RouteCreated' });
    expect(pass.failures).toHaveLength(1);
    expect(pass.failures[0].node).toBe('node-2');
    expect(pass.failures[0].message).toMatch(/^Could not create route uid-2 10\.244\.2\.0\/24 for node node-2 after [0-9.]+m?s: googleapi: Error 403: Required 'compute\.routes\.create' permission for 'projects\/shop-prod\/global\/routes\/kubernetes-uid-2', forbidden$/);
  });

  it('re-creates a deleted route on the next pass once writes are allowed again', () => {
    const broken = reconcileRoutes('kubernetes', [n1, n2], [route1], DENIED, AT);
    const n2Broken = { ...n2, status: { ...n2.status, conditions: [broken.conditions['node-2']] } };
    const healed = reconcileRoutes('kubernetes', [n1, n2Broken], broken.routes, ALLOWED, LATER);
    expect(healed.routes.map((r) => r.nextHopNode)).toEqual(['node-1', 'node-2']);
    expect(healed.conditions['node-2']).toMatchObject({ status: 'False', reason: 'RouteCreated', lastTransitionTime: LATER });
  });

  it('deletes the route of a node that is gone, and skips nodes without a podCIDR', () => {
    const pass = reconcileRoutes('kubernetes', [node('node-3', 'uid-3', '172.18.0.5', '')], [route1], ALLOWED, LATER);
    expect(pass.routes).toEqual([]);
    expect(pass.conditions).toEqual({});
  });
});
