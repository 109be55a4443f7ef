// A kubenet cluster whose route controller cannot write to the cloud: the route to one node's
// pod CIDR is gone, so pod → pod traffic to that node leaves its sender by the default route and
// dies at the VPC router; the node says NetworkUnavailable/NoRouteCreated and carries a
// FailedToCreateRoute event. Once the controller may write again, its next pass (within the
// 10 s reconciliation period) puts the route back and the same packet is delivered.

import { describe, expect, it } from 'vitest';
import { kinds, webCluster } from '../../simulation/testing/packet-test-kit';
import { ROUTE_RECONCILIATION_PERIOD_MS } from '../../cluster/cloud-routes/route-controller';
import { hopReasons, hopSummary } from './render-hop';

async function brokenRoute() {
  const c = await webCluster('kubenet');
  const to = c.remoteWeb.spec.nodeName!;
  const table = c.sim.cluster.cloudRouteTable()!;
  const member = `serviceAccount:${table.state.controllerAccount}`;
  expect(table.removeBinding('roles/compute.networkAdmin', member)).toBe(true);
  const route = table.routes().find((r) => r.nextHopNode === to)!;
  expect(table.deleteRoute(route.name)).toBe(true);
  c.sim.cluster.advanceTo(c.sim.cluster.now() + ROUTE_RECONCILIATION_PERIOD_MS);
  return { c, to, table };
}

describe('kubenet with a missing cloud route', () => {
  it('a healthy kubenet cluster has one route per node, named <cluster>-<node uid>', async () => {
    const c = await webCluster('kubenet');
    const routes = c.sim.cluster.cloudRouteTable()!.routes();
    expect(routes.map((r) => [r.nextHopNode, r.destRange])).toEqual(c.sim.cluster.list('nodes').map((n) => [n.metadata.name, n.spec.podCIDR]));
    const uid = c.sim.cluster.get('nodes', undefined, 'node-1')!.metadata.uid;
    expect(routes.find((r) => r.nextHopNode === 'node-1')!.name).toBe(`kubernetes-${uid}`);
  });

  it('drops cross-node pod traffic at the VPC router', async () => {
    const { c, to } = await brokenRoute();
    const from = c.client.spec.nodeName!;
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.remoteWeb.status.podIP!, protocol: 'tcp', dport: 80 });
    expect(r.outcome.kind).toBe('dropped');
    expect(kinds(r.hops)).toEqual(['pod/default/client route', 'pod/default/client veth', `node/${from} bridge`, `node/${from} route`, `node/${from} wire`, 'cloud/vpc-router drop']);
    expect(hopSummary(r.hops.at(-1)!)).toBe(`VPC route table: no route for ${c.remoteWeb.status.podIP}; only the default route to the internet gateway matches, which drops private destinations`);
    expect(to).not.toBe(from);
  });

  it('marks the node NetworkUnavailable with NoRouteCreated and records FailedToCreateRoute', async () => {
    const { c, to } = await brokenRoute();
    const node = c.sim.cluster.get('nodes', undefined, to)!;
    expect(node.status.conditions.find((x) => x.type === 'NetworkUnavailable')).toMatchObject({ status: 'True', reason: 'NoRouteCreated', message: 'RouteController failed to create a route' });
    const ev = c.sim.cluster.list('events', 'default').find((e) => e.reason === 'FailedToCreateRoute');
    expect(ev).toMatchObject({ type: 'Warning', source: { component: 'route_controller' }, involvedObject: { kind: 'Node', name: to } });
    expect(ev!.message).toContain(`for node ${to} after `);
    expect(ev!.message).toContain("googleapi: Error 403: Required 'compute.routes.create' permission for 'projects/flatnet-prod/global/routes/kubernetes-");
  });

  it('a role without compute.routes.create, or the role on another account, does not help', async () => {
    const { c, to, table } = await brokenRoute();
    table.addBinding('roles/compute.networkViewer', `serviceAccount:${table.state.controllerAccount}`);
    table.addBinding('roles/compute.networkAdmin', `serviceAccount:k8s-nodes@${table.state.project}.iam.gserviceaccount.com`);
    c.sim.cluster.advanceTo(c.sim.cluster.now() + ROUTE_RECONCILIATION_PERIOD_MS);
    expect(table.routes().some((r) => r.nextHopNode === to)).toBe(false);
  });

  it('heals on the next pass once the controller may write again', async () => {
    const { c, to, table } = await brokenRoute();
    table.addBinding('roles/compute.networkAdmin', `serviceAccount:${table.state.controllerAccount}`);
    c.sim.cluster.advanceTo(c.sim.cluster.now() + ROUTE_RECONCILIATION_PERIOD_MS);
    expect(table.routes().some((r) => r.nextHopNode === to)).toBe(true);
    expect(c.sim.cluster.get('nodes', undefined, to)!.status.conditions.find((x) => x.type === 'NetworkUnavailable')).toMatchObject({ status: 'False', reason: 'RouteCreated' });
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.remoteWeb.status.podIP!, protocol: 'tcp', dport: 80 });
    expect(r.outcome.kind).toBe('delivered');
  });

  it('a deleted route comes back by itself within a period when the controller can write', async () => {
    const c = await webCluster('kubenet');
    const table = c.sim.cluster.cloudRouteTable()!;
    const route = table.routes()[2];
    table.deleteRoute(route.name);
    c.sim.cluster.advanceTo(c.sim.cluster.now() + ROUTE_RECONCILIATION_PERIOD_MS);
    expect(table.routes().map((r) => r.name)).toContain(route.name);
  });
});

describe('kubenet: a node route via another node does not get around the VPC', () => {
  // `ip route add` on the CNI's devices is refused in the shell (the CNI owns eth0), so the route is
  // laid into the built dataplane directly, as a static route from the node's own config would be.
  it('<podCIDR> via <other node> on the sender still meets the VPC route table, which has no route', async () => {
    const { c, to } = await brokenRoute();
    const from = c.client.spec.nodeName!;
    const cidr = c.sim.cluster.get('nodes', undefined, to)!.spec.podCIDR;
    const ip = c.sim.cluster.get('nodes', undefined, to)!.status.addresses.find((a) => a.type === 'InternalIP')!.address;
    const ns = c.sim.network.dataplane().nodes[from];
    ns.routes.unshift({ type: 'unicast', dst: cidr, via: ip, dev: 'eth0', table: 'main', origin: 'added by hand' });
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.remoteWeb.status.podIP!, protocol: 'tcp', dport: 80 });
    const nodeRoute = r.hops.find((h) => h.kind === 'route' && h.netns === `node/${from}`)!;
    expect(hopReasons(nodeRoute)[0]).toContain(`${cidr} via ${ip}`);
    expect(r.outcome.kind).toBe('dropped');
    expect(r.hops.at(-1)).toMatchObject({ netns: 'cloud/vpc-router', kind: 'drop' });
  });
});
