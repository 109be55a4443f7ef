// Installing the Gateway API: before the CRDs, kubectl answers as a real cluster does (no resource
// type, no kind mapping); `kubectl apply -f standard-install.yaml` prints one line per CRD, after
// which the kinds are served, listed by api-resources and printed with the CRDs' columns.

import { describe, expect, it } from 'vitest';
import { gatewayCluster } from './gateway-api-test-kit';

describe('Gateway API CRDs', () => {
  it('are absent until applied: get and apply fail with the real errors', async () => {
    const { sim } = await gatewayCluster({ crds: false });
    const get = await sim.exec('kubectl get gateways');
    expect(get.stderr).toBe('error: the server doesn\'t have a resource type "gateways"\n');
    expect(get.exitCode).toBe(1);
    expect((await sim.exec('kubectl get httproute -A')).stderr).toBe('error: the server doesn\'t have a resource type "httproute"\n');
    const apply = await sim.exec('kubectl apply -f /lab/ngf.yaml');
    expect(apply.stderr).toContain('error: resource mapping not found for name: "nginx" namespace: "" from "/lab/ngf.yaml": no matches for kind "GatewayClass" in version "gateway.networking.k8s.io/v1"\nensure CRDs are installed first\n');
    expect((await sim.exec('kubectl api-resources --api-group=gateway.networking.k8s.io')).stdout).toBe('NAME   SHORTNAMES   APIVERSION   NAMESPACED   KIND\n');
  });

  it('apply prints a line per CRD, then the kinds are served', async () => {
    const { sim } = await gatewayCluster({ crds: false });
    const apply = await sim.exec('kubectl apply -f /lab/crds.yaml');
    expect(apply.stdout).toBe(
      [
        'customresourcedefinition.apiextensions.k8s.io/gatewayclasses.gateway.networking.k8s.io created',
        'customresourcedefinition.apiextensions.k8s.io/gateways.gateway.networking.k8s.io created',
        'customresourcedefinition.apiextensions.k8s.io/grpcroutes.gateway.networking.k8s.io created',
        'customresourcedefinition.apiextensions.k8s.io/httproutes.gateway.networking.k8s.io created',
        'customresourcedefinition.apiextensions.k8s.io/referencegrants.gateway.networking.k8s.io created',
        '',
      ].join('\n'),
    );
    const got = await sim.exec('kubectl get gateways -A');
    expect(got.stderr).toBe('No resources found\n');
    expect((await sim.exec('kubectl get crd')).stdout).toMatch(/^NAME {40}CREATED AT\ngatewayclasses\.gateway\.networking\.k8s\.io {4}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n/);
    const resources = (await sim.exec('kubectl api-resources --api-group=gateway.networking.k8s.io')).stdout;
    expect(resources).toContain('gateways          gtw          gateway.networking.k8s.io/v1        true         Gateway\n');
    expect(resources).toContain('referencegrants   refgrant     gateway.networking.k8s.io/v1beta1   true         ReferenceGrant\n');
    // Deleting the CRD takes the kind away again.
    await sim.exec('kubectl delete crd gateways.gateway.networking.k8s.io');
    expect((await sim.exec('kubectl get gtw')).stderr).toBe('error: the server doesn\'t have a resource type "gtw"\n');
  });

  it('refuses a backendRef to a Service without a port, as the CRD\'s CEL rule does', async () => {
    const { apply } = await gatewayCluster();
    const r = await apply('bad', `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: bad
  namespace: web
spec:
  rules:
  - backendRefs:
    - name: checkout-v1
`);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('The HTTPRoute "bad" is invalid: spec.rules[0].backendRefs[0]: Invalid value: "object": Must have port for Service reference\n');
  });

  it('serves v1beta1 manifests of the kinds whose CRDs still serve it, stored as v1', async () => {
    const { sim, apply } = await gatewayCluster();
    const r = await apply('old', `apiVersion: gateway.networking.k8s.io/v1beta1
kind: HTTPRoute
metadata:
  name: old
  namespace: web
spec:
  rules:
  - backendRefs:
    - name: checkout-v1
      port: 80
`);
    expect(r.stdout).toBe('httproute.gateway.networking.k8s.io/old created\n');
    expect(sim.cluster.get('httproutes', 'web', 'old')?.apiVersion).toBe('gateway.networking.k8s.io/v1');
    const alpha = await apply('alpha', 'apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: HTTPRoute\nmetadata:\n  name: a\n  namespace: web\n');
    expect(alpha.stderr).toContain('no matches for kind "HTTPRoute" in version "gateway.networking.k8s.io/v1alpha2"');
  });
});
