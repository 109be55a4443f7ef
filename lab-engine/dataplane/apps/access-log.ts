// What a server writes to its log for each request it answers (kubectl logs shows it): its image
// profile's `accessLog` (nginx's combined access log on stdout, and its error-log line for a
// missing file). Called for every request a pod serves, whether a learner's client or an ingress
// controller sent it.

import type { Cluster } from '../../cluster/cluster';
import type { Pod } from '../../kube/types';
import type { HttpRequest, HttpResponse } from './http-types';
import { imageProfile } from './images';

export function logHttpAccess(cluster: Cluster, pod: Pod, req: HttpRequest, res: HttpResponse): void {
  const c = pod.spec.containers[0];
  const accessLog = c && imageProfile(c.image)?.accessLog;
  if (!accessLog) return;
  for (const line of accessLog(req, res, cluster.now())) cluster.appendLog(pod.metadata.namespace ?? 'default', pod.metadata.name, c.name, line);
}
