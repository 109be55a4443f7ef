// `kubectl rollout restart` is a patch, not a verb: it stamps the pod template with
// kubectl.kubernetes.io/restartedAt (second precision, as kubectl formats time.Now()), which
// changes the template and so starts a rollout; the server bumps the generation.

import type { PodTemplateSpec } from '../../kube/types';
import { isoString } from '../../core/utc-text';

type WithTemplate = { spec: { template: PodTemplateSpec }; metadata: { generation: number } };

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/** The change to patch onto a Deployment or DaemonSet at `nowMs`. */
export function restartedAt(nowMs: number): (obj: WithTemplate) => void {
  const stamp = isoString(Math.floor(nowMs / 1000) * 1000).replace('.000Z', 'Z');
  return (obj) => {
    const meta = obj.spec.template.metadata;
    meta.annotations = { ...meta.annotations, [RESTARTED_AT]: stamp };
    obj.metadata.generation += 1;
  };
}
