// kube-proxy health gates each node's rule sync, as on a real cluster: kube-proxy is the only
// writer of its chains, so while it is absent (pod deleted, DaemonSet gone) or crash-looping
// (a configuration validation refuses), its node keeps exactly the rules the last healthy
// kube-proxy wrote — Services it knew keep working with the endpoints they had, newer Services
// and endpoint changes never arrive — and the other nodes go on syncing. A healthy kube-proxy
// back does a full sync. The crash-looping pod's status and log say why (CrashLoopBackOff;
// validateProxyModeLinux's text wrapped "failed validate: " by kube-proxy's RunE, logged by
// component-base's cli.Run), and because kube-proxy's ConfigMap is a volume, the next restart
// of a crash-looping container reads the file as it is then.

import { describe, expect, it } from 'vitest';
import { createSimulation, restoreSimulation, settle, type FlatnetSimulation } from '../simulation/simulation';

const CLIENTS = ['node-1', 'node-2'].map((node) => `apiVersion: v1
kind: Pod
metadata:
  name: client-${node}
spec:
  nodeName: ${node}
  containers:
  - name: curl
    image: curlimages/curl
    command: ["sleep", "infinity"]
`).join('---\n');

async function run(sim: FlatnetSimulation, ...lines: string[]): Promise<string> {
  let out = '';
  for (const line of lines) {
    const r = await sim.exec(line);
    expect(r.exitCode, `${line}\n${r.stderr}`).toBe(0);
    out += r.stdout;
  }
  return out;
}

const proxyPodOn = (node: string) => `$(kubectl -n kube-system get pods -l k8s-app=kube-proxy --field-selector spec.nodeName=${node} -o jsonpath='{.items[0].metadata.name}')`;

/** The ConfigMap's `mode:` line rewritten, as an admin's `kubectl edit` would. */
async function setMode(sim: FlatnetSimulation, mode: string): Promise<void> {
  await run(sim, 'kubectl -n kube-system get cm kube-proxy -o yaml > kp.yaml', `sed -i 's/^    mode: .*$/    mode: ${mode}/' kp.yaml`, 'kubectl apply -f kp.yaml');
}

/** A web Service every node knows, two pinned clients, then node-2's kube-proxy restarted onto a mistyped mode. */
async function node2CrashLooping(): Promise<FlatnetSimulation> {
  const sim = createSimulation({ seed: 11 });
  await run(sim, 'kubectl create deployment web --image=nginx --replicas=2', 'kubectl expose deployment web --port=80', `kubectl apply -f - <<'EOF'\n${CLIENTS}EOF`);
  settle(sim);
  await setMode(sim, '"iptabels"');
  await run(sim, `kubectl -n kube-system delete pod ${proxyPodOn('node-2')}`);
  settle(sim);
  return sim;
}

/** HTTP status a client pod gets from a Service, or curl's exit code when it gets none (28: timed out). */
async function httpFrom(sim: FlatnetSimulation, node: string, service: string): Promise<string> {
  const r = await sim.exec(`kubectl exec client-${node} -- curl -s -m 3 -o /dev/null -w "%{http_code}" ${service}`);
  return r.exitCode === 0 ? r.stdout : `exit ${r.exitCode}`;
}

/** How many endpoints `node`'s rules hold for default/web (KUBE-SEP jumps in its KUBE-SVC chain). */
async function webEndpointsOn(sim: FlatnetSimulation, node: string): Promise<number> {
  const save = await sim.exec(`ssh ${node} iptables-save -t nat`);
  return save.stdout.split('\n').filter((l) => /^-A KUBE-SVC-\w+ .*--comment "default\/web -> .* -j KUBE-SEP-/.test(l)).length;
}

const knowsCheckout = async (sim: FlatnetSimulation, node: string) => (await sim.exec(`ssh ${node} iptables-save -t nat`)).stdout.includes('default/checkout');

describe('kube-proxy health gates its node rule sync', () => {
  it('a crash-looping kube-proxy leaves its node the rules it had; the other nodes keep syncing', async () => {
    const sim = await node2CrashLooping();
    await run(sim, 'kubectl create deployment checkout --image=nginx --replicas=2', 'kubectl expose deployment checkout --port=80', 'kubectl scale deployment web --replicas=3');
    settle(sim);

    expect(await knowsCheckout(sim, 'node-2')).toBe(false);
    expect(await knowsCheckout(sim, 'node-1')).toBe(true);
    expect(await knowsCheckout(sim, 'control-plane')).toBe(true);
    // The endpoint change reached node-1's rules but not node-2's.
    expect(await webEndpointsOn(sim, 'node-1')).toBe(3);
    expect(await webEndpointsOn(sim, 'node-2')).toBe(2);

    // A new Service: its ClusterIP has no DNAT on node-2, so the SYN leaves for the gateway and curl times out.
    expect(await httpFrom(sim, 'node-2', 'checkout')).toBe('exit 28');
    expect(await httpFrom(sim, 'node-1', 'checkout')).toBe('200');
    // A Service the last healthy kube-proxy wrote still works on node-2, as in the kernel.
    expect(await httpFrom(sim, 'node-2', 'web')).toBe('200');
    const trace = await sim.exec('trace pod/client-node-2 svc/checkout:80');
    expect(trace.stdout).toContain('verdict: DROPPED');
  });

  it('the pod status, the DaemonSet and the log tell why', async () => {
    const sim = await node2CrashLooping();
    const pods = await run(sim, 'kubectl -n kube-system get pods -l k8s-app=kube-proxy -o wide');
    expect(pods).toMatch(/kube-proxy-\w{5} +0\/1 +CrashLoopBackOff +\d+ \(\d+s ago\) .* node-2 /);
    expect(pods.match(/1\/1 +Running/g)).toHaveLength(2);
    expect(await run(sim, 'kubectl -n kube-system get ds kube-proxy')).toMatch(/\nkube-proxy +3 +3 +2 +3 +2 +kubernetes.io\/os=linux /);
    const log = await run(sim, `kubectl -n kube-system logs ${proxyPodOn('node-2')}`);
    expect(log).toMatch(/^E\d{4} [\d:.]+ +1 run\.go:72\] "command failed" err="failed validate: KubeProxyConfiguration\.Mode\.ProxyMode: Invalid value: \\"iptabels\\": must be iptables, ipvs, nftables or blank \(blank means the best-available proxy \[currently iptables\]\)"\n$/);
  });

  it('a healthy kube-proxy back on the node syncs everything it missed', async () => {
    const sim = await node2CrashLooping();
    await run(sim, 'kubectl create deployment checkout --image=nginx --replicas=2', 'kubectl expose deployment checkout --port=80', 'kubectl scale deployment web --replicas=3');
    settle(sim);
    expect(await knowsCheckout(sim, 'node-2')).toBe(false);

    await setMode(sim, '""');
    await run(sim, `kubectl -n kube-system delete pod ${proxyPodOn('node-2')}`);
    settle(sim);
    expect(await run(sim, `kubectl -n kube-system get pod ${proxyPodOn('node-2')} -o jsonpath='{.status.containerStatuses[0].ready}'`)).toBe('true');
    expect(await knowsCheckout(sim, 'node-2')).toBe(true);
    expect(await webEndpointsOn(sim, 'node-2')).toBe(3);
    expect(await httpFrom(sim, 'node-2', 'checkout')).toBe('200');
  });

  it('fixing the ConfigMap alone heals a crash-looping kube-proxy only at its next restart, after the back-off', async () => {
    const sim = await node2CrashLooping();
    await run(sim, 'sleep 600'); // long enough for the kubelet's back-off to reach its 5-minute cap
    await run(sim, 'kubectl create deployment checkout --image=nginx', 'kubectl expose deployment checkout --port=80');
    await setMode(sim, '""');
    settle(sim);
    expect(await run(sim, `kubectl -n kube-system get pod ${proxyPodOn('node-2')} -o jsonpath='{.status.containerStatuses[0].state.waiting.reason}'`)).toBe('CrashLoopBackOff');
    expect(await knowsCheckout(sim, 'node-2')).toBe(false);

    await run(sim, 'sleep 300');
    const pod = proxyPodOn('node-2');
    expect(await run(sim, `kubectl -n kube-system get pod ${pod} -o jsonpath='{.status.containerStatuses[0].ready}'`)).toBe('true');
    expect(await knowsCheckout(sim, 'node-2')).toBe(true);
    expect(await run(sim, `kubectl -n kube-system logs ${pod} | grep -c 'Using iptables Proxier'`)).toBe('1\n');
  });

  it('restarting it without fixing the ConfigMap changes nothing: the new pod crash-loops too', async () => {
    const sim = await node2CrashLooping();
    await run(sim, 'kubectl create deployment checkout --image=nginx', 'kubectl expose deployment checkout --port=80');
    await run(sim, `kubectl -n kube-system delete pod ${proxyPodOn('node-2')}`);
    settle(sim);
    expect(await run(sim, 'kubectl -n kube-system get pods -l k8s-app=kube-proxy')).toContain('CrashLoopBackOff');
    expect(await knowsCheckout(sim, 'node-2')).toBe(false);
  });

  it('with the DaemonSet deleted no node syncs; the rules already written stay', async () => {
    const sim = createSimulation({ seed: 11 });
    await run(sim, 'kubectl create deployment web --image=nginx --replicas=2', 'kubectl expose deployment web --port=80', `kubectl apply -f - <<'EOF'\n${CLIENTS}EOF`);
    settle(sim);
    await run(sim, 'kubectl -n kube-system delete daemonset kube-proxy');
    settle(sim);
    expect(await run(sim, 'kubectl -n kube-system get pods -l k8s-app=kube-proxy 2>&1')).toBe('No resources found in kube-system namespace.\n');
    await run(sim, 'kubectl create deployment checkout --image=nginx', 'kubectl expose deployment checkout --port=80');
    settle(sim);
    for (const node of ['control-plane', 'node-1', 'node-2']) expect(await knowsCheckout(sim, node), node).toBe(false);
    expect(await httpFrom(sim, 'node-1', 'web')).toBe('200');
    expect(await httpFrom(sim, 'node-1', 'checkout')).toBe('exit 28');
  });

  it('the frozen rules survive a snapshot and restore', async () => {
    const sim = await node2CrashLooping();
    await run(sim, 'kubectl create deployment checkout --image=nginx', 'kubectl expose deployment checkout --port=80');
    settle(sim);
    const restored = restoreSimulation(JSON.parse(JSON.stringify(sim.snapshot())));
    expect(await knowsCheckout(restored, 'node-2')).toBe(false);
    expect(await knowsCheckout(restored, 'node-1')).toBe(true);
    expect(await webEndpointsOn(restored, 'node-2')).toBe(2);
  });

  it('a rolling update replaces the crash-looping pod at once, without spending the budget on it', async () => {
    const sim = await node2CrashLooping();
    const names = () => Object.fromEntries(sim.cluster.list('pods', 'kube-system').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-proxy' && !p.metadata.deletionTimestamp).map((p) => [p.spec.nodeName, p.metadata.name]));
    const before = names();
    await run(sim, 'kubectl -n kube-system rollout restart daemonset kube-proxy');
    const after = names();
    // upstream's rollingUpdate: an unavailable old pod is replaced regardless of maxUnavailable; the healthy ones wait their turn.
    expect(after['node-2']).not.toBe(before['node-2']);
    expect(after['node-1']).toBe(before['node-1']);
    expect(after['control-plane']).toBe(before['control-plane']);
  });

  it('gates IPVS mode the same way: node-2 keeps its virtual servers, node-1 gets the new one', async () => {
    const sim = createSimulation({ seed: 11, topology: { cni: 'calico', proxyMode: 'ipvs' } });
    await setMode(sim, 'ipsv');
    await run(sim, `kubectl -n kube-system delete pod ${proxyPodOn('node-2')}`);
    settle(sim);
    await run(sim, 'kubectl create deployment checkout --image=nginx', 'kubectl expose deployment checkout --port=80');
    settle(sim);
    const ip = await run(sim, "kubectl get svc checkout -o jsonpath='{.spec.clusterIP}'");
    expect((await sim.exec('ssh node-1 ipvsadm -Ln')).stdout).toContain(`TCP  ${ip}:80 rr`);
    const node2 = (await sim.exec('ssh node-2 ipvsadm -Ln')).stdout;
    expect(node2).not.toContain(`${ip}:80`);
    expect(node2).toContain('TCP  10.96.0.10:53 rr');
  });

  it('a kubeconfig path typo crash-loops kube-proxy with client-go\'s stat error and freezes its node too', async () => {
    const sim = createSimulation({ seed: 11 });
    await run(sim, 'kubectl -n kube-system get cm kube-proxy -o yaml > kp.yaml', "sed -i 's#kubeconfig: /var/lib/kube-proxy/kubeconfig.conf#kubeconfig: /var/lib/kube-proxy/kubeconfigd.conf#' kp.yaml", 'kubectl apply -f kp.yaml');
    await run(sim, `kubectl -n kube-system delete pod ${proxyPodOn('node-2')}`);
    settle(sim);
    expect(await run(sim, 'kubectl -n kube-system get pods -l k8s-app=kube-proxy')).toMatch(/0\/1 +CrashLoopBackOff/);
    const log = await run(sim, `kubectl -n kube-system logs ${proxyPodOn('node-2')}`);
    expect(log.replace(/^(\w)\d{4} [\d:.]+ +1 /gm, '$1 ')).toBe(
      'I server_linux.go:53] "Using iptables proxy"\n' +
        'E server.go:142] "Error running ProxyServer" err="stat /var/lib/kube-proxy/kubeconfigd.conf: no such file or directory"\n' +
        'E run.go:72] "command failed" err="stat /var/lib/kube-proxy/kubeconfigd.conf: no such file or directory"\n',
    );
    await run(sim, 'kubectl create deployment checkout --image=nginx', 'kubectl expose deployment checkout --port=80');
    settle(sim);
    expect(await knowsCheckout(sim, 'node-2')).toBe(false);
    expect(await knowsCheckout(sim, 'node-1')).toBe(true);
  });
});
