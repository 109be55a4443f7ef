// Ingress and IngressClass rows (pkg/printers/internalversion: printIngress NAME CLASS HOSTS
// ADDRESS PORTS AGE, with formatHosts' "+ N more..." after three hosts and PORTS "80, 443" when
// TLS is configured; printIngressClass NAME CONTROLLER PARAMETERS AGE).

import type { Ingress, IngressClass } from '../../../../kube/types';
import { ageSince } from './human-duration';
import { decorate, type Table, type TableOptions } from './resource-tables';

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

export function ingressTable(items: readonly Ingress[], o: TableOptions): Table {
  const rows = items.map((ing) => [
    ing.metadata.name,
    ing.spec.ingressClassName ?? '<none>',
    formatHosts(ing.spec.rules),
    (ing.status.loadBalancer.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').join(','),
    ing.spec.tls?.length ? '80, 443' : '80',
    ageSince(ing.metadata.creationTimestamp, o.nowMs),
  ]);
  return decorate(['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'], [], rows, items, o);
}

export function ingressClassTable(items: readonly IngressClass[], o: TableOptions): Table {
  const rows = items.map((c) => {
    const p = c.spec.parameters;
    const params = p ? `${p.kind}${p.apiGroup ? `.${p.apiGroup}` : ''}/${p.name}` : '<none>';
    return [c.metadata.name, c.spec.controller, params, ageSince(c.metadata.creationTimestamp, o.nowMs)];
  });
  return decorate(['NAME', 'CONTROLLER', 'PARAMETERS', 'AGE'], [], rows, items, { ...o, withNamespace: false });
}
