// Ingresses (networking.k8s.io/v1): strict decoding, validation and the DefaultIngressClass
// admission (ingress-admission.ts; admission runs before storage refuses a taken name), then
// ingress-nginx's validating webhook when it is installed (ingress-path-validation.ts), a new
// generation when the spec changes, and printIngress's Table (HOSTS clipped after 3, PORTS 80 or
// `80, 443` with TLS).

import type { Ingress } from '../../kube/types';
import { admitIngress, type IngressRequest } from '../ingress-admission';
import { nginxWebhookDenial } from '../ingress-path-validation';
import { rfc3339 } from '../time-format';
import { ingressRequest } from './ingress-decode';
import { columns, type KindRegistry } from './kind-registry';
import { ROOT } from './strict-fields';
import { ageSince } from './table-cells';
import { writeOver } from './update-helpers';

const BACKEND = { service: { name: true, port: { number: true, name: true } }, resource: '*' } as const;

export const ingressRegistry: KindRegistry<'ingresses', IngressRequest> = {
  info: { resource: 'ingresses', singular: 'ingress', kind: 'Ingress', shortNames: ['ing'], namespaced: true, apiVersion: 'networking.k8s.io/v1', group: 'networking.k8s.io' },
  fields: ROOT({
    ingressClassName: true,
    defaultBackend: BACKEND,
    tls: { hosts: true, secretName: true },
    rules: { host: true, http: { paths: { path: true, pathType: true, backend: BACKEND } } },
  }),
  decode: ingressRequest,
  create(req, ctx) {
    const created = admitIngress(req, ctx.list('ingressclasses'), undefined, ctx.newUid(), rfc3339(ctx.now));
    const denial = nginxWebhookDenial(created, ctx.list('ingressclasses'));
    if (denial) throw denial;
    return created;
  },
  update(old, req, ctx) {
    const next = admitIngress(req, ctx.list('ingressclasses'), old, old.metadata.uid, old.metadata.creationTimestamp);
    const denial = nginxWebhookDenial(next, ctx.list('ingressclasses'));
    if (denial) throw denial;
    if (JSON.stringify(old.spec) !== JSON.stringify(next.spec)) old.metadata.generation += 1;
    writeOver(old, next, ['spec']);
  },
  columns: columns(['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE']),
  cells: (ing: Ingress, o) => [
    ing.metadata.name,
    ing.spec.ingressClassName ?? '<none>',
    formatHosts(ing.spec.rules),
    (ing.status.loadBalancer.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').join(','),
    ing.spec.tls?.length ? '80, 443' : '80',
    ageSince(ing.metadata.creationTimestamp, o.nowMs),
  ],
};

function formatHosts(rules: Ingress['spec']['rules']): string {
  const list: string[] = [];
  let more = false;
  for (const rule of rules ?? []) {
    if (list.length === 3) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  return more ? `${list.join(',')} + ${(rules ?? []).length - 3} more...` : list.join(',');
}
