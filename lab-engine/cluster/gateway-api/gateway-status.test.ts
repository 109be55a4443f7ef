// The status NGINX Gateway Fabric writes on each Gateway API object, as kubectl shows it: the
// GatewayClass accepted, the Gateway programmed with the load balancer's address and a count of
// attached routes per listener, and an HTTPRoute's parents[].conditions with the spec's reasons.

import { describe, expect, it } from 'vitest';
import type { HTTPRoute } from '../../kube/types';
import { GATEWAY, GRANT, LB_IP, gatewayCluster, route } from './gateway-api-test-kit';

function parentConditions(r: HTTPRoute | undefined): Record<string, string> {
  return Object.fromEntries((r?.status.parents[0]?.conditions ?? []).map((c) => [c.type, `${c.status}/${c.reason}`]));
}

describe('Gateway API status', () => {
  it('accepts the class and programs the Gateway with the load balancer address', async () => {
    const { sim, apply } = await gatewayCluster();
    expect((await sim.exec('kubectl get gatewayclass')).stdout).toMatch(/^NAME {4}CONTROLLER {35}ACCEPTED {3}AGE\nnginx {3}gateway\.nginx\.org\/nginx-gateway-controller {3}True {7}\d+s\n$/);
    expect((await apply('gw', GATEWAY)).stdout).toBe('gateway.gateway.networking.k8s.io/shared created\n');
    expect((await sim.exec('kubectl -n infra get gateway')).stdout).toMatch(new RegExp(`^NAME {5}CLASS {3}ADDRESS {10}PROGRAMMED {3}AGE\\nshared {3}nginx {3}${LB_IP.replace(/\./g, '\\.')} {3}True {9}\\d+s\\n$`));
    const gw = sim.cluster.get('gateways', 'infra', 'shared')!;
    expect(gw.status.conditions.map((c) => `${c.type}=${c.status}/${c.reason}`)).toEqual(['Accepted=True/Accepted', 'Programmed=True/Programmed']);
    expect(gw.status.listeners?.[0]).toMatchObject({ name: 'http', attachedRoutes: 0, supportedKinds: [{ kind: 'HTTPRoute' }, { kind: 'GRPCRoute' }] });
    expect(gw.status.listeners?.[0].conditions.map((c) => `${c.type}=${c.status}`)).toEqual(['Accepted=True', 'Programmed=True', 'ResolvedRefs=True', 'Conflicted=False']);
  });

  it('a cross-namespace backendRef is RefNotPermitted until a ReferenceGrant in the Service\'s namespace allows it', async () => {
    const { sim, apply } = await gatewayCluster();
    await apply('gw', GATEWAY);
    await apply('route', route());
    const get = () => sim.cluster.get('httproutes', 'web', 'shop');
    expect(parentConditions(get())).toEqual({ Accepted: 'True/Accepted', ResolvedRefs: 'False/RefNotPermitted' });
    expect(get()!.status.parents[0]).toMatchObject({ controllerName: 'gateway.nginx.org/nginx-gateway-controller', parentRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shared', namespace: 'infra' } });
    expect(sim.cluster.get('gateways', 'infra', 'shared')!.status.listeners?.[0].attachedRoutes).toBe(1);
    // In the route's own namespace the grant allows nothing.
    await apply('grant-web', GRANT('web'));
    expect(parentConditions(get()).ResolvedRefs).toBe('False/RefNotPermitted');
    await apply('grant', GRANT('shop'));
    expect(parentConditions(get())).toEqual({ Accepted: 'True/Accepted', ResolvedRefs: 'True/ResolvedRefs' });
    expect((await sim.exec('kubectl -n web get httproute')).stdout).toMatch(/^NAME {3}HOSTNAMES {14}AGE\nshop {3}\["shop\.example\.com"\] {3}\d+[sm]\n$/);
    expect((await sim.exec('kubectl -n shop get referencegrant')).stdout).toMatch(/^NAME {9}AGE\nweb-routes {3}\d+s\n$/);
  });

  it('names BackendNotFound, NoMatchingParent, NoMatchingListenerHostname and NotAllowedByListeners', async () => {
    const { sim, apply } = await gatewayCluster();
    await apply('gw', GATEWAY);
    await apply('grant', GRANT('shop'));
    const get = () => sim.cluster.get('httproutes', 'web', 'shop');
    await apply('route', route({ backends: '    - name: checkout\n      namespace: shop\n      port: 80' }));
    expect(parentConditions(get()).ResolvedRefs).toBe('False/BackendNotFound');
    await apply('route', route({ section: 'https' }));
    expect(parentConditions(get()).Accepted).toBe('False/NoMatchingParent');
    expect(sim.cluster.get('gateways', 'infra', 'shared')!.status.listeners?.[0].attachedRoutes).toBe(0);
    await apply('route', route({ hostnames: ['shop.example.org'] }));
    expect(parentConditions(get()).Accepted).toBe('False/NoMatchingListenerHostname');
    await apply('gw', GATEWAY.replace('from: All', 'from: Same'));
    await apply('route', route());
    expect(parentConditions(get()).Accepted).toBe('False/NotAllowedByListeners');
    // A parentRef to a Gateway that does not exist gets no status from this controller.
    await apply('route', route({ gateway: 'shard' }));
    expect(get()!.status.parents).toEqual([]);
  });

  it('keeps a condition\'s lastTransitionTime while it holds and bumps observedGeneration', async () => {
    const { sim, apply } = await gatewayCluster();
    await apply('gw', GATEWAY);
    await apply('grant', GRANT('shop'));
    await apply('route', route());
    const first = sim.cluster.get('httproutes', 'web', 'shop')!.status.parents[0].conditions[0];
    sim.advanceTo(sim.now() + 60_000);
    await apply('route', route({ hostnames: ['shop.example.com', 'www.example.com'] }));
    const second = sim.cluster.get('httproutes', 'web', 'shop')!.status.parents[0].conditions[0];
    expect(second.lastTransitionTime).toBe(first.lastTransitionTime);
    expect([first.observedGeneration, second.observedGeneration]).toEqual([1, 2]);
  });
});
