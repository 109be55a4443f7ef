// `http` checks from outside the cluster: to a node's InternalIP and a NodePort (given, or a
// Service's), to every node at once, and to a LoadBalancer Service's external IP, from the
// learner's workstation or a client on the internet. Each request walks the same dataplane as
// `curl http://<nodeIP>:<port>` typed on the workstation.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import { HttpCheckSchema } from '../schema';
import { gradeHttpCheck } from './http-check';
import { renderFeedback } from '../feedback';

const NODE_PORT_SERVICE = (extra: string) => `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
${extra}  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
    nodePort: 30080
EOF`;

async function cluster(pool?: string[]) {
  const sim = createSimulation({ seed: 6, topology: { cni: 'calico', proxyMode: 'iptables', ...(pool ? { loadBalancerPool: pool } : {}) } });
  for (const line of ['kubectl create deployment web --image=nginx --replicas=2']) expect((await sim.exec(line)).exitCode).toBe(0);
  settle(sim);
  return sim;
}

async function run(sim: Awaited<ReturnType<typeof cluster>>, line: string) {
  const result = await sim.exec(line);
  expect(result.stderr).toBe('');
  settle(sim);
}

const check = (fields: Record<string, unknown>) => HttpCheckSchema.parse({ id: 'c', title: 'C', kind: 'http', ...fields });
const ok = { status: 200, bodyContains: 'Welcome to nginx!' };

describe('http check targets: schema', () => {
  const parse = (to: Record<string, unknown>) => HttpCheckSchema.safeParse({ id: 'c', title: 'C', kind: 'http', to, expect: { status: 200 } });
  const message = (to: Record<string, unknown>) => {
    const r = parse(to);
    return r.success ? 'parsed' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(' | ');
  };

  it('takes a node with a nodePort or a Service, every node, or a LoadBalancer Service', () => {
    for (const to of [{ node: 'node-2', nodePort: 30080 }, { node: 'node-2', service: 'web' }, { nodes: 'all', nodePort: 30080 }, { nodes: 'all', namespace: 'shop', service: 'web', port: 80 }, { loadBalancer: 'web' }, { loadBalancer: 'web', port: 443 }]) {
      expect(message(to)).toBe('parsed');
    }
  });

  it('says what is wrong with a target that mixes forms or lacks its port', () => {
    expect(message({ node: 'node-2' })).toBe('to.nodePort: a node target needs exactly one of nodePort (e.g. 30080) or service (whose nodePort is dialled)');
    expect(message({ node: 'node-2', nodePort: 30080, service: 'web' })).toContain('exactly one of nodePort');
    expect(message({ nodePort: 30080 })).toBe('to.nodePort: nodePort needs node (e.g. node: node-2) or nodes: all');
    expect(message({ node: 'node-2', nodePort: 8080 })).toBe('to.nodePort: nodePort must be in the NodePort range 30000-32767');
    expect(message({ nodes: 'every', nodePort: 30080 })).toContain('nodes takes only "all"');
    expect(message({ loadBalancer: 'web', node: 'node-1', nodePort: 30080 })).toBe('to: to takes one of ingress, loadBalancer, node or nodes (found loadBalancer and node)');
    expect(message({ loadBalancer: 'web', service: 'web' })).toBe('to.service: loadBalancer already names the Service; leave out service');
    expect(message({ service: 'web' })).toBe('to.port: a service target needs its port');
    expect(message({})).toBe('to: to needs exactly one of ingress, service, node, nodes or loadBalancer');
  });
});

describe('http checks to a node and a NodePort', () => {
  it('is refused before a Service holds the port, and answers through kube-proxy once one does', async () => {
    const sim = await cluster();
    const to = { node: 'node-2', nodePort: 30080 };
    const none = gradeHttpCheck(check({ to: { nodes: 'all', nodePort: 30080 }, expect: ok }), sim);
    expect(renderFeedback(none)).toMatch(/^From the workstation, none of the 3 nodes answers GET http:\/\/\{172\.18\.0\.2,172\.18\.0\.3,172\.18\.0\.4\}:30080\/ as expected; not control-plane \(172\.18\.0\.2\), node-1 \(172\.18\.0\.3\), node-2 \(172\.18\.0\.4\)\. From the workstation, GET http:\/\/172\.18\.0\.2:30080\/ gets no answer: connection refused \(TCP reset\) by 172\.18\.0\.2:30080: nothing listens on port 30080 on control-plane$/);
    const before = gradeHttpCheck(check({ to, expect: ok }), sim);
    expect(before).toMatchObject({ passed: false, feedbackId: 'http.no_response', params: { from: 'the workstation', url: 'http://172.18.0.4:30080/' } });
    await run(sim, NODE_PORT_SERVICE(''));
    const after = gradeHttpCheck(check({ to, expect: ok }), sim);
    expect(after).toMatchObject({ passed: true, feedbackId: 'http.ok', params: { url: 'http://172.18.0.4:30080/', status: 200 } });
  });

  it("dials the named Service's nodePort, and says so when the Service has none or the node does not exist", async () => {
    const sim = await cluster();
    await run(sim, 'kubectl expose deployment web --port 80');
    const viaService = check({ to: { node: 'node-1', service: 'web' }, expect: ok });
    expect(gradeHttpCheck(viaService, sim)).toMatchObject({ passed: false, feedbackId: 'http.no_target', params: { message: 'Service default/web is of type ClusterIP: it has no nodePort, so no node listens for it' } });
    await run(sim, 'kubectl patch svc web -p \'{"spec":{"type":"NodePort"}}\'');
    const nodePort = sim.view().get('services', 'default', 'web')!.spec.ports![0]!.nodePort!;
    expect(gradeHttpCheck(viaService, sim)).toMatchObject({ passed: true, params: { url: `http://172.18.0.3:${nodePort}/` } });
    const missing = gradeHttpCheck(check({ to: { node: 'node-9', service: 'web' }, expect: ok }), sim);
    expect(missing).toMatchObject({ passed: false, feedbackId: 'http.no_target', params: { message: 'there is no node node-9 (kubectl get nodes lists control-plane, node-1, node-2)' } });
  });

  it('a wrong targetPort: the node forwards, the pod refuses', async () => {
    const sim = await cluster();
    await run(sim, NODE_PORT_SERVICE('').replace('targetPort: 80', 'targetPort: 8080'));
    const r = gradeHttpCheck(check({ to: { node: 'node-1', nodePort: 30080 }, expect: ok }), sim);
    expect(r).toMatchObject({ passed: false, feedbackId: 'http.no_response' });
    expect(r.reason).toMatch(/^connection refused \(TCP reset\) by 10\.244\.\d+\.\d+:8080: nothing listens on port 8080 in pod default\/web-/);
  });

  it('every node: passes only when each node answers; externalTrafficPolicy Local leaves the node without a pod silent', async () => {
    const sim = await cluster();
    const every = check({ to: { nodes: 'all', nodePort: 30080 }, expect: ok });
    await run(sim, NODE_PORT_SERVICE(''));
    expect(gradeHttpCheck(every, sim)).toMatchObject({ passed: true, feedbackId: 'http.ok', params: { url: 'http://{172.18.0.2,172.18.0.3,172.18.0.4}:30080/' } });
    await run(sim, NODE_PORT_SERVICE('  externalTrafficPolicy: Local\n'));
    const nodesWithPods = new Set(sim.view().list('pods', 'default', 'app=web').map((p) => p.spec.nodeName));
    expect(nodesWithPods).toEqual(new Set(['node-1', 'node-2']));
    const r = gradeHttpCheck(every, sim);
    expect(r).toMatchObject({ passed: false, feedbackId: 'http.not_every_node', params: { answered: 2, total: 3, failing: 'control-plane (172.18.0.2)', first: { feedbackId: 'http.no_response', params: { url: 'http://172.18.0.2:30080/' } } } });
    expect(renderFeedback(r)).toMatch(/^From the workstation, only 2 of 3 nodes answer GET http:\/\/\{172\.18\.0\.2,172\.18\.0\.3,172\.18\.0\.4\}:30080\/ as expected; not control-plane \(172\.18\.0\.2\)\. From the workstation, GET http:\/\/172\.18\.0\.2:30080\/ gets no answer: /);
    // One node with a pod still answers on its own.
    expect(gradeHttpCheck(check({ to: { node: 'node-1', nodePort: 30080 }, expect: ok }), sim)).toMatchObject({ passed: true });
  });

  it('from the internet a node address is private: no answer', async () => {
    const sim = await cluster();
    await run(sim, NODE_PORT_SERVICE(''));
    const r = gradeHttpCheck(check({ from: 'internet', to: { node: 'node-1', nodePort: 30080 }, expect: ok }), sim);
    expect(r).toMatchObject({ passed: false, feedbackId: 'http.no_response', params: { from: 'a client on the internet' } });
  });
});

describe('http checks to a LoadBalancer Service', () => {
  it("dials the Service's external IP and port, from the workstation and from the internet", async () => {
    const sim = await cluster(['172.18.255.200']);
    await run(sim, 'kubectl expose deployment web --type LoadBalancer --port 8080 --target-port 80');
    const to = { loadBalancer: 'web' };
    expect(gradeHttpCheck(check({ to, expect: ok }), sim)).toMatchObject({ passed: true, params: { url: 'http://172.18.255.200:8080/' } });
    expect(gradeHttpCheck(check({ from: 'internet', to, expect: ok }), sim)).toMatchObject({ passed: true, params: { from: 'a client on the internet' } });
    const wrongPort = gradeHttpCheck(check({ to: { loadBalancer: 'web', port: 80 }, expect: ok }), sim);
    expect(wrongPort).toMatchObject({ feedbackId: 'http.no_target', params: { message: 'Service default/web has no port 80 (its ports: 8080)' } });
  });

  it('a pool used up by a Service in another namespace leaves it <pending>; freeing the address there gives it one', async () => {
    const sim = await cluster(['172.18.255.200']);
    await run(sim, 'kubectl create namespace legacy');
    await run(sim, 'kubectl -n legacy create service loadbalancer old --tcp=80:80');
    await run(sim, 'kubectl expose deployment web --type LoadBalancer --port 80');
    const r = check({ to: { loadBalancer: 'web' }, expect: ok });
    expect(gradeHttpCheck(r, sim)).toMatchObject({ passed: false, feedbackId: 'http.no_target', params: { message: expect.stringContaining('EXTERNAL-IP <pending>') } });
    await run(sim, 'kubectl -n legacy delete service old');
    expect(gradeHttpCheck(r, sim)).toMatchObject({ passed: true, params: { url: 'http://172.18.255.200/' } });
  });

  it('a Service changed from LoadBalancer to NodePort gives its address to the one waiting', async () => {
    const sim = await cluster(['172.18.255.200']);
    await run(sim, 'kubectl create namespace legacy');
    await run(sim, 'kubectl -n legacy create service loadbalancer old --tcp=80:80');
    await run(sim, 'kubectl expose deployment web --type LoadBalancer --port 80');
    await run(sim, 'kubectl -n legacy patch svc old -p \'{"spec":{"type":"NodePort"}}\'');
    expect(gradeHttpCheck(check({ to: { loadBalancer: 'web' }, expect: ok }), sim)).toMatchObject({ passed: true, params: { url: 'http://172.18.255.200/' } });
  });

  it('a NodePort Service is not a load balancer', async () => {
    const sim = await cluster(['172.18.255.200']);
    await run(sim, NODE_PORT_SERVICE(''));
    const r = gradeHttpCheck(check({ to: { loadBalancer: 'web' }, expect: ok }), sim);
    expect(r).toMatchObject({ passed: false, feedbackId: 'http.no_target', params: { message: expect.stringContaining('of type NodePort, not LoadBalancer') } });
  });
});
