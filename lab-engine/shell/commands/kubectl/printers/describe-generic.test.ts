// kubectl describe of a Gateway API object: the generic describer's layout (sorted keys, smart
// labels, list items one after another) with the controller's conditions readable under Status.

import { describe, expect, it } from 'vitest';
import { GATEWAY, gatewayCluster, route } from '../../../../cluster/gateway-api/gateway-api-test-kit';
import { smartLabelFor } from './describe-generic';

describe('generic describer', () => {
  it('labels fields as smartLabelFor does', () => {
    // fatih/camelcase splits on every change of character class, so a '-' becomes a part of its own.
    expect(['apiVersion', 'sectionName', 'observedGeneration', 'uid', 'x-kubernetes-list', 'IPAddress', 'weight'].map(smartLabelFor)).toEqual(['API Version', 'Section Name', 'Observed Generation', 'UID', 'X - Kubernetes - List', 'IP Address', 'Weight']);
  });

  it('describes an HTTPRoute with its parents\' conditions', async () => {
    const { sim, apply } = await gatewayCluster();
    await apply('gw', GATEWAY);
    await apply('route', route());
    const out = (await sim.exec('kubectl -n web describe httproute shop')).stdout;
    expect(out).toMatch(/^Name: {9}shop\nNamespace: {4}web\nLabels: {7}<none>\nAnnotations: {2}<none>\nAPI Version: {2}gateway\.networking\.k8s\.io\/v1\nKind: {9}HTTPRoute\nMetadata:\n {2}Creation Timestamp: {2}\S+\n {2}Generation: {10}1\n/);
    expect(out).toContain('  Parent Refs:\n    Group:      gateway.networking.k8s.io\n    Kind:       Gateway\n    Name:       shared\n    Namespace:  infra\n');
    expect(out).toContain('      Message:               Backend ref to Service shop/checkout-v1 not permitted by any ReferenceGrant\n      Observed Generation:   1\n      Reason:                RefNotPermitted\n      Status:                False\n      Type:                  ResolvedRefs\n    Controller Name:         gateway.nginx.org/nginx-gateway-controller\n');
    expect(out.endsWith('Events:           <none>\n')).toBe(true);
  });
});
