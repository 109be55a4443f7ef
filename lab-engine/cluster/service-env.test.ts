// kubelet's Service environment variables (pkg/kubelet/envvars FromServices and its test
// TestFromServices; GROUND-TRUTH §7 "Env vars"): names upper-cased with `-` → `_`, the first port
// as <NAME>_SERVICE_PORT, named ports, the Docker-links set, no variables for headless Services,
// only Services that existed when the container started, and enableServiceLinks: false keeping
// only the `kubernetes` Service's.

import { describe, expect, it } from 'vitest';
import { serviceEnvironment, serviceEnvVars } from './service-env';
import type { Pod, Service } from '../kube/types';

function svc(namespace: string, name: string, clusterIP: string, ports: { name?: string; port: number; protocol?: 'TCP' | 'UDP' }[], created = '2026-01-05T08:00:00Z'): Service {
  return {
    metadata: { namespace, name, creationTimestamp: created },
    spec: { clusterIP, ports: ports.map((p) => ({ ...p, protocol: p.protocol ?? 'TCP', targetPort: p.port })) },
  } as unknown as Service;
}

function pod(namespace: string, enableServiceLinks = true): Pod {
  return { metadata: { namespace, name: 'p' }, spec: { enableServiceLinks, containers: [] }, status: {} } as unknown as Pod;
}

const kubernetes = svc('default', 'kubernetes', '10.96.0.1', [{ name: 'https', port: 443 }], '2026-01-01T00:00:00Z');

describe('service environment variables', () => {
  it('one Service with a named UDP port and a second port', () => {
    expect(serviceEnvVars(svc('x', 'foo-bar', '1.2.3.4', [{ name: 'dns', port: 53, protocol: 'UDP' }, { port: 8080 }]))).toEqual([
      ['FOO_BAR_SERVICE_HOST', '1.2.3.4'],
      ['FOO_BAR_SERVICE_PORT', '53'],
      ['FOO_BAR_SERVICE_PORT_DNS', '53'],
      ['FOO_BAR_PORT', 'udp://1.2.3.4:53'],
      ['FOO_BAR_PORT_53_UDP', 'udp://1.2.3.4:53'],
      ['FOO_BAR_PORT_53_UDP_PROTO', 'udp'],
      ['FOO_BAR_PORT_53_UDP_PORT', '53'],
      ['FOO_BAR_PORT_53_UDP_ADDR', '1.2.3.4'],
      ['FOO_BAR_PORT_8080_TCP', 'tcp://1.2.3.4:8080'],
      ['FOO_BAR_PORT_8080_TCP_PROTO', 'tcp'],
      ['FOO_BAR_PORT_8080_TCP_PORT', '8080'],
      ['FOO_BAR_PORT_8080_TCP_ADDR', '1.2.3.4'],
    ]);
  });

  it('headless Services give nothing', () => {
    expect(serviceEnvVars(svc('x', 'db', 'None', [{ port: 5432 }]))).toEqual([]);
  });

  it('only the pod namespace, only Services older than the container, always kubernetes', () => {
    const services = [kubernetes, svc('x', 'web', '10.96.1.1', [{ port: 80 }]), svc('y', 'other', '10.96.1.2', [{ port: 80 }]), svc('x', 'later', '10.96.1.3', [{ port: 80 }], '2026-01-05T09:00:30Z')];
    const env = serviceEnvironment(pod('x'), services, '2026-01-05T09:00:10Z');
    expect(env.WEB_SERVICE_HOST).toBe('10.96.1.1');
    expect(env.KUBERNETES_SERVICE_PORT_HTTPS).toBe('443');
    expect(env.OTHER_SERVICE_HOST).toBeUndefined();
    expect(env.LATER_SERVICE_HOST).toBeUndefined();
  });

  it('enableServiceLinks: false keeps only the kubernetes Service', () => {
    const env = serviceEnvironment(pod('x', false), [kubernetes, svc('x', 'web', '10.96.1.1', [{ port: 80 }])], '2026-01-05T09:00:10Z');
    expect(Object.keys(env).filter((k) => k.startsWith('WEB_'))).toEqual([]);
    expect(env.KUBERNETES_SERVICE_HOST).toBe('10.96.0.1');
  });
});
