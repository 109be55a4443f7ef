// `reachability` checks from outside the cluster, for TCP and UDP Services that speak no HTTP: from
// the learner's workstation or a client on the internet, to a node's InternalIP at a NodePort (one
// node, or every node), or to a LoadBalancer Service's external address. Each packet walks the same
// dataplane as `nc -z <nodeIP> <port>` typed on the workstation.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import { ReachabilityCheckSchema } from '../schema';
import { gradeReachabilityCheck } from './reachability-check';
import { renderFeedback } from '../feedback';

// Redis-like TCP service on 6379, pinned to node-1 so externalTrafficPolicy: Local splits the nodes.
const CACHE = (policy: 'Cluster' | 'Local') => `kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata: {name: cache}
spec:
  replicas: 1
  selector: {matchLabels: {app: cache}}
  template:
    metadata: {labels: {app: cache}}
    spec:
      nodeSelector: {kubernetes.io/hostname: node-1}
      containers: [{name: redis, image: redis, ports: [{containerPort: 6379}]}]
---
apiVersion: v1
kind: Service
metadata: {name: cache}
spec:
  type: LoadBalancer
  externalTrafficPolicy: ${policy}
  selector: {app: cache}
  ports: [{port: 6379, targetPort: 6379, nodePort: 31379}]
EOF`;

async function cluster(policy: 'Cluster' | 'Local', pool?: string[]) {
  const sim = createSimulation({ seed: 8, topology: { cni: 'calico', proxyMode: 'iptables', ...(pool ? { loadBalancerPool: pool } : {}) } });
  const r = await sim.exec(CACHE(policy));
  expect(r.stderr).toBe('');
  settle(sim);
  return sim;
}

const check = (fields: Record<string, unknown>) => ReachabilityCheckSchema.parse({ id: 'c', title: 'C', kind: 'reachability', from: 'workstation', expect: 'allowed', ...fields });

describe('reachability checks from outside: schema', () => {
  const message = (fields: Record<string, unknown>) => {
    const r = ReachabilityCheckSchema.safeParse({ id: 'c', title: 'C', kind: 'reachability', from: 'workstation', expect: 'allowed', ...fields });
    return r.success ? 'parsed' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(' | ');
  };

  it('takes a client outside or a pod, and a node, every node or a LoadBalancer as the target', () => {
    for (const to of [{ node: 'node-2', nodePort: 31379 }, { nodes: 'all', service: 'cache' }, { loadBalancer: 'cache' }, { service: 'cache', port: 6379 }, { ip: '10.0.0.1', port: 22 }]) {
      expect(message({ to })).toBe('parsed');
    }
    expect(message({ from: 'internet', to: { loadBalancer: 'cache' } })).toBe('parsed');
    expect(message({ from: { selector: 'app=web' }, to: { node: 'node-1', nodePort: 31379 } })).toBe('parsed');
  });

  it('says what is wrong with a target, a source, or a sender socket outside a pod', () => {
    expect(message({ to: { node: 'node-2' } })).toBe('to.nodePort: a node target needs exactly one of nodePort (e.g. 30080) or service (whose nodePort is dialled)');
    expect(message({ to: { service: 'cache' } })).toBe("to.port: to needs the port: the Service port, or the pod's");
    expect(message({ to: { nodePort: 31379 } })).toBe('to.nodePort: nodePort needs node (e.g. node: node-2) or nodes: all');
    expect(message({ to: { pod: 'a', node: 'node-1', nodePort: 31379 } })).toBe('to: to takes one of service, pod, ip, node, nodes or loadBalancer');
    expect(message({ to: { pod: 'a', ip: '10.0.0.1', port: 80 } })).toBe('to: to needs exactly one of service, pod, ip, node, nodes or loadBalancer');
    expect(message({ from: 'office', to: { loadBalancer: 'cache' } })).toContain('from must be "workstation", "internet" or a pod');
    expect(message({ to: { node: 'node-1', nodePort: 31379 }, protocol: 'udp', senderSocket: true })).toBe("senderSocket: senderSocket needs a pod in from: the socket is a pod's");
  });
});

describe('reachability checks from outside: TCP to NodePorts and load balancers', () => {
  it('reaches the NodePort on every node with externalTrafficPolicy: Cluster', async () => {
    const sim = await cluster('Cluster');
    const every = gradeReachabilityCheck(check({ to: { nodes: 'all', service: 'cache' } }), sim);
    expect(every).toMatchObject({ passed: true, feedbackId: 'reachability.allowed_ok', params: { from: 'the workstation', to: 'port 31379 on every node' } });
    const one = gradeReachabilityCheck(check({ to: { node: 'node-2', nodePort: 31379 } }), sim);
    expect(one).toMatchObject({ passed: true, params: { to: 'node node-2 172.18.0.4:31379' } });
    expect(one.reason).toMatch(/^delivered to default\/cache-/);
  });

  it('with externalTrafficPolicy: Local, names the nodes without a local endpoint and why the packet died there', async () => {
    const sim = await cluster('Local');
    const every = gradeReachabilityCheck(check({ to: { nodes: 'all', service: 'cache' } }), sim);
    expect(every).toMatchObject({ passed: false, feedbackId: 'reachability.not_every_node', params: { answered: 1, total: 3, failing: 'control-plane (172.18.0.2), node-2 (172.18.0.4)' } });
    expect(every.trace).toBeDefined();
    expect(renderFeedback(every)).toMatch(/^From the workstation, only 1 of 3 nodes behave as expected for port 31379 on every node; not control-plane \(172\.18\.0\.2\), node-2 \(172\.18\.0\.4\)\. the workstation cannot reach node control-plane 172\.18\.0\.2:31379: /);
    expect(gradeReachabilityCheck(check({ to: { node: 'node-1', service: 'cache' } }), sim)).toMatchObject({ passed: true });
    // The same nodes, asked to refuse: node-1 delivers, so "every node denies" fails on node-1 alone.
    const denied = gradeReachabilityCheck(check({ expect: 'denied', to: { nodes: 'all', nodePort: 31379 } }), sim);
    expect(denied).toMatchObject({ passed: false, params: { answered: 2, failing: 'node-1 (172.18.0.3)' } });
  });

  it("dials a LoadBalancer's external address from the internet, and says so while it is <pending>", async () => {
    const pending = await cluster('Cluster');
    const waiting = gradeReachabilityCheck(check({ from: 'internet', to: { loadBalancer: 'cache' } }), pending);
    expect(waiting).toMatchObject({ passed: false, feedbackId: 'check.error' });
    expect(waiting.reason).toContain('EXTERNAL-IP <pending>');
    const sim = await cluster('Cluster', ['203.0.113.10-203.0.113.20']);
    const lb = sim.cluster.get('services', 'default', 'cache')!.status.loadBalancer.ingress![0]!.ip!;
    const r = gradeReachabilityCheck(check({ from: 'internet', to: { loadBalancer: 'cache' } }), sim);
    expect(r).toMatchObject({ passed: true, params: { from: 'a client on the internet', to: `load balancer ${lb}:6379 (Service default/cache)` } });
  });
});
