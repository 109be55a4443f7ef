// A flannel cluster carries what kube-flannel.yml installs (flannel-io/flannel
// Documentation/kube-flannel.yml, v0.27.x): the kube-flannel namespace (k8s-app=flannel,
// pod-security.kubernetes.io/enforce=privileged), the kube-flannel-cfg ConfigMap with
// cni-conf.json and net-conf.json (Network, EnableNFTables false, Backend.Type), and the
// kube-flannel-ds DaemonSet (selector app=flannel, image ghcr.io/flannel-io/flannel:v0.27.x,
// flanneld --ip-masq --kube-subnet-mgr) with one hostNetwork pod per node; flanneld's FlannelIsUp
// on the nodes, never Calico's.

import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../simulation/simulation';

describe('kube-flannel.yml on a flannel cluster', () => {
  it('has the namespace, the DaemonSet with a pod per node, and the ConfigMap', async () => {
    const sim = createSimulation({ seed: 1, topology: { cni: 'flannel', flannelBackend: 'host-gw' } });
    const ds = await sim.exec('kubectl get ds -n kube-flannel -o wide');
    expect(ds.stdout).toBe(
      'NAME              DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE    CONTAINERS     IMAGES                               SELECTOR\n' +
      'kube-flannel-ds   3         3         3       3            3           <none>          3d4h   kube-flannel   ghcr.io/flannel-io/flannel:v0.27.4   app=flannel\n',
    );
    const pods = sim.cluster.list('pods', 'kube-flannel');
    expect(pods.map((p) => p.spec.nodeName).sort()).toEqual(['control-plane', 'node-1', 'node-2']);
    expect(pods.every((p) => p.spec.hostNetwork && p.metadata.name.startsWith('kube-flannel-ds-'))).toBe(true);
    expect(pods[0].spec.containers[0].args).toEqual(['--ip-masq', '--kube-subnet-mgr']);
    expect((await sim.exec('kubectl get ns kube-flannel --show-labels')).stdout).toContain('k8s-app=flannel,kubernetes.io/metadata.name=kube-flannel,pod-security.kubernetes.io/enforce=privileged');
    const netConf = sim.cluster.get('configmaps', 'kube-flannel', 'kube-flannel-cfg')?.data?.['net-conf.json'];
    expect(netConf).toBe('{\n  "Network": "10.244.0.0/16",\n  "EnableNFTables": false,\n  "Backend": {\n    "Type": "host-gw"\n  }\n}\n');
    const describe = (await sim.exec('kubectl describe node node-1')).stdout;
    expect(describe).toContain('FlannelIsUp');
    expect(describe).not.toContain('CalicoIsUp');
    expect(sim.cluster.list('pods', 'kube-system').some((p) => p.metadata.name.startsWith('calico'))).toBe(false);
  });
});
