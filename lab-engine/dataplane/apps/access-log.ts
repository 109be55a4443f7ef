// What web servers write to their logs for each request they answer (kubectl logs shows it):
// nginx's combined access log on stdout, and its error log line for a missing file. Called for
// every request a pod serves, whether a learner's client or an ingress controller sent it.

import type { Cluster } from '../../cluster/cluster';
import { parseImageRef } from '../../cluster/images';
import type { Pod } from '../../kube/types';
import type { HttpRequest, HttpResponse } from './http-types';

/** nginx's combined log format, as its image writes to stdout (kubectl logs shows it). */
export function logHttpAccess(cluster: Cluster, pod: Pod, req: HttpRequest, res: HttpResponse): void {
  const c = pod.spec.containers[0];
  if (!c || parseImageRef(c.image)?.repository !== 'docker.io/library/nginx') return;
  const d = new Date(cluster.now());
  const month = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${pad(d.getUTCDate())}/${month}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
  const size = res.headers.find(([k]) => k === 'Content-Length')?.[1] ?? '0';
  const ns = pod.metadata.namespace ?? 'default';
  if (res.status === 404) {
    // nginx's error log (stderr) names the file it looked for before the access log line.
    const t = `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    cluster.appendLog(ns, pod.metadata.name, c.name, `${t} [error] 29#29: *1 open() "/usr/share/nginx/html${req.path.split('?')[0]}" failed (2: No such file or directory), client: ${req.remoteAddr}, server: localhost, request: "${req.method} ${req.path} HTTP/1.1", host: "${req.headers.host ?? ''}"`);
  }
  cluster.appendLog(ns, pod.metadata.name, c.name, `${req.remoteAddr} - - [${stamp}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${req.method === 'HEAD' ? 0 : size} "-" "${req.headers['user-agent'] ?? '-'}" "-"`);
}
