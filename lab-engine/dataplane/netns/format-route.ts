// `ip route` lines: one route as iproute2 prints it. Shared by `ip route` and the packet trace,
// so a trace names the route exactly as the learner sees it in `ip route`.

import type { Route } from './types';

function routeDst(r: Route): string {
  if (r.dst === 'default') return 'default';
  return r.dst.endsWith('/32') ? r.dst.slice(0, -3) : r.dst;
}

export function formatRoute(r: Route, showTable: boolean): string {
  let s = r.type === 'unicast' ? '' : `${r.type} `;
  s += routeDst(r);
  if (r.via) s += ` via ${r.via}`;
  if (r.dev) s += ` dev ${r.dev}`;
  if (showTable && r.table !== 'main') s += ` table ${r.table}`;
  if (r.proto) s += ` proto ${r.proto}`;
  if (r.scope) s += ` scope ${r.scope}`;
  if (r.src) s += ` src ${r.src}`;
  if (r.onlink) s += ' onlink';
  return `${s} \n`;
}
