// `expect.bodyBytes` walks the response's full-size TCP segments back to the pod client: across a
// 1400-byte interconnect whose ICMP "fragmentation needed" is filtered, a large response hangs
// while a small one arrives; with the ICMP delivered, the server learns the path MTU and the
// response arrives in smaller segments; with the pods' MTU at the path's, the MSS fits from the start.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import type { TopologyOptions } from '../../core/topology';
import { HttpCheckSchema } from '../schema';
import { gradeHttpCheck } from './http-check';

const SHOP = `apiVersion: v1
kind: Pod
metadata: { name: catalog, labels: { app: catalog } }
spec:
  nodeName: node-2
  containers: [{ name: app, image: docker.io/kennethreitz/httpbin:latest }]
---
apiVersion: v1
kind: Service
metadata: { name: catalog }
spec:
  selector: { app: catalog }
  ports: [{ port: 80 }]
---
apiVersion: v1
kind: Pod
metadata: { name: client }
spec:
  nodeName: node-1
  containers: [{ name: app, image: nicolaka/netshoot:latest, command: [sleep, infinity] }]
`;

async function cluster(icmpFragNeeded: 'delivered' | 'filtered', setup: string[] = []) {
  const topology: TopologyOptions = { cni: 'calico', ipipMode: 'Never', proxyMode: 'iptables', interconnect: { nodes: ['node-2'], mtu: 1400, icmpFragNeeded } };
  const sim = createSimulation({ seed: 6, topology, files: { '/lab/shop.yaml': SHOP } });
  for (const line of [...setup, 'kubectl apply -f /lab/shop.yaml']) expect((await sim.exec(line)).exitCode).toBe(0);
  settle(sim);
  return sim;
}

const sized = (bytes: number) => HttpCheckSchema.parse({ id: 'c', title: 'C', kind: 'http', from: { pod: 'client' }, to: { service: 'catalog', port: 80 }, path: `/bytes/${bytes}`, expect: { status: 200, bodyBytes: bytes } });

describe('http checks with expect.bodyBytes across a smaller interconnect', () => {
  it('a large response hangs when the ICMP is filtered; a small one arrives', async () => {
    const sim = await cluster('filtered');
    const large = gradeHttpCheck(sized(20000), sim);
    expect(large).toMatchObject({ passed: false, feedbackId: 'http.no_response' });
    expect(large.reason).toContain('1500-byte segments (MSS 1460)');
    expect(large.reason).toContain('dropped by a firewall on the way back');
    expect(gradeHttpCheck(sized(512), sim)).toMatchObject({ passed: true, feedbackId: 'http.ok' });
  });

  it('with the ICMP delivered, the server learns the path MTU and the response arrives', async () => {
    const sim = await cluster('delivered');
    expect(gradeHttpCheck(sized(20000), sim)).toMatchObject({ passed: true });
  });

  it('pods created under a conflist mtu of 1400 advertise an MSS that fits', async () => {
    const fix = (node: string) => `ssh ${node} "sed -i 's/\\"mtu\\": 0/\\"mtu\\": 1400/' /etc/cni/net.d/10-calico.conflist"`;
    const sim = await cluster('filtered', [fix('node-1'), fix('node-2')]);
    expect(gradeHttpCheck(sized(20000), sim)).toMatchObject({ passed: true });
    expect((await sim.exec('kubectl exec client -- ip link show eth0')).stdout).toContain('mtu 1400');
  });

  it('a body of another size fails with http.body_size', async () => {
    const sim = await cluster('delivered');
    const check = HttpCheckSchema.parse({ id: 'c', title: 'C', kind: 'http', from: { pod: 'client' }, to: { service: 'catalog', port: 80 }, path: '/bytes/300', expect: { status: 200, bodyBytes: 512 } });
    expect(gradeHttpCheck(check, sim)).toMatchObject({ passed: false, feedbackId: 'http.body_size', params: { bytes: 300, expected: 512 } });
  });
});
