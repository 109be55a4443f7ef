// Inputs in upstream's fake-proxier conventions (kubernetes/kubernetes pkg/proxy/iptables/
// proxier_test.go): pod CIDR 10.0.0.0/8, ClusterIPs in 172.30.0.0/16, node IP 192.168.0.2, node
// name test-hostname. Shared by the kube-proxy tests and the iptables command goldens.

import { SERVICE_NAME_LABEL, type EndpointSlice, type ProxyNode, type Service } from './types';

export const TEST_NODE: ProxyNode = { name: 'test-hostname', nodeIP: '192.168.0.2', clusterCIDR: '10.0.0.0/8' };

export function makeService(ns: string, name: string, spec: Service['spec'], status?: Service['status']): Service {
  return { metadata: { namespace: ns, name }, spec, ...(status ? { status } : {}) };
}

export function makeSlice(
  ns: string,
  service: string,
  ports: { name?: string; port: number; protocol?: 'TCP' | 'UDP' | 'SCTP' }[],
  endpoints: { ip: string; node?: string; ready?: boolean; serving?: boolean; terminating?: boolean }[],
): EndpointSlice {
  return {
    metadata: { namespace: ns, name: `${service}-abcde`, labels: { [SERVICE_NAME_LABEL]: service } },
    addressType: 'IPv4',
    ports: ports.map((p) => ({ ...p, protocol: p.protocol ?? 'TCP' })),
    endpoints: endpoints.map((e) => ({
      addresses: [e.ip],
      ...(e.node ? { nodeName: e.node } : {}),
      ...(e.ready !== undefined || e.serving !== undefined || e.terminating !== undefined
        ? { conditions: { ready: e.ready, serving: e.serving, terminating: e.terminating } }
        : {}),
    })),
  };
}

/** TestInternalTrafficPolicyE2E's service: ns1/svc1, 172.30.1.1, one unnamed TCP port 80, endpoints 10.0.1.1-3. */
export function internalTrafficPolicyCase(itp: 'Cluster' | 'Local', endpoints: { ip: string; node?: string }[] = [
  { ip: '10.0.1.1', node: 'test-hostname' },
  { ip: '10.0.1.2', node: 'host1' },
  { ip: '10.0.1.3', node: 'host2' },
]) {
  return {
    services: [makeService('ns1', 'svc1', { type: 'ClusterIP', clusterIP: '172.30.1.1', ports: [{ protocol: 'TCP', port: 80, targetPort: 80 }], internalTrafficPolicy: itp })],
    endpointSlices: [makeSlice('ns1', 'svc1', [{ port: 80 }], endpoints)],
    node: TEST_NODE,
  };
}
