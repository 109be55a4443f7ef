// A pod spec read back from YAML keeps its tolerations: `kubectl get -o yaml | kubectl apply`,
// `kubectl patch` and `kubectl apply -f` of a DaemonSet must not strip calico-node's
// tolerate-everything, or the tainted control-plane would lose its daemon pod.

import { describe, expect, it } from 'vitest';
import { podSpecFields } from './decode';
import { createSimulation } from '../../simulation/simulation';

describe('podSpecFields', () => {
  it('decodes tolerations field by field', () => {
    const spec = podSpecFields({
      containers: [{ name: 'app', image: 'nginx' }],
      tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }, { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoExecute', tolerationSeconds: 30 }],
    });
    expect(spec.tolerations).toEqual([{ operator: 'Exists', effect: 'NoSchedule' }, { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoExecute', tolerationSeconds: 30 }]);
    expect(podSpecFields({ containers: [] }).tolerations).toBeUndefined();
  });

  it('keeps a DaemonSet on the tainted control-plane through a patch of its nodeSelector', async () => {
    const sim = createSimulation({ seed: 1 });
    const r = await sim.exec(`kubectl -n kube-system patch ds calico-node -p '{"spec":{"template":{"spec":{"nodeSelector":{"kubernetes.io/os":"linux","tier":"any"}}}}}'
kubectl label node control-plane tier=any
sleep 30
kubectl -n kube-system get ds calico-node -o jsonpath='{.spec.template.spec.tolerations[0].operator} {.status.numberReady}'`);
    expect(r.stdout).toContain('Exists 1');
  });
});
