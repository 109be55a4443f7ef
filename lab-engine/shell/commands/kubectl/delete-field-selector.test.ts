// `kubectl delete --field-selector`: the way an operator restarts one node's DaemonSet pod
// (`kubectl -n kube-system delete pod -l k8s-app=kube-proxy --field-selector spec.nodeName=node-2`),
// with the API server's refusal for a field it does not index for the kind.
import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';

describe('kubectl delete --field-selector', () => {
  it('deletes only the pods whose fields match, with labels too; refuses names alongside it', async () => {
    const sim = createSimulation({ seed: 3 });
    const onNode = (node: string) => sim.cluster.list('pods', 'kube-system').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-proxy' && p.spec.nodeName === node).map((p) => p.metadata.name);
    const [node1Before] = onNode('node-1');
    const [node2Before] = onNode('node-2');
    const r = await sim.exec('kubectl -n kube-system delete pod -l k8s-app=kube-proxy --field-selector spec.nodeName=node-2');
    expect(r).toMatchObject({ exitCode: 0, stdout: `pod "${node2Before}" deleted from kube-system namespace\n` });
    settle(sim);
    expect(onNode('node-1')).toEqual([node1Before]);
    expect(onNode('node-2')).not.toContain(node2Before);
    expect(onNode('node-2')).toHaveLength(1);

    const named = await sim.exec(`kubectl -n kube-system delete pod ${node1Before} --field-selector spec.nodeName=node-1`);
    expect(named).toMatchObject({ exitCode: 1, stderr: 'error: name cannot be provided when a selector is specified\n' });
    const none = await sim.exec('kubectl -n kube-system delete pod --field-selector spec.nodeName=node-9');
    expect(none).toMatchObject({ exitCode: 0, stdout: 'No resources found\n' });
  });

  it('answers as the API server does for a field it cannot select on', async () => {
    const sim = createSimulation({ seed: 3 });
    const r = await sim.exec('kubectl delete deployments --field-selector spec.replicas=2');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe((await sim.exec('kubectl get deployments --field-selector spec.replicas=2')).stderr);
    expect(r.stderr).toMatch(/field label not supported: spec\.replicas/);
  });
});
