// The API server's checks of a pod's dnsPolicy and dnsConfig (pkg/apis/core/validation:
// validateDNSPolicy, validatePodDNSConfig), with its field paths and messages.

import type { StatusCause } from '../kube/api-errors';
import type { PodDNSConfig } from '../kube/types';

/** The API's enum, in the order the server lists the supported values. */
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'] as const;
/** MaxDNSNameservers. */
const MAX_NAMESERVERS = 3;
/** MaxDNSSearchPaths (the expanded DNS configuration, GA in 1.28). */
const MAX_SEARCH_PATHS = 32;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

export function validatePodDns(dnsPolicy: string | undefined, dnsConfig: PodDNSConfig | undefined, prefix = 'spec'): StatusCause[] {
  const causes: StatusCause[] = [];
  if (dnsPolicy !== undefined && !(DNS_POLICIES as readonly string[]).includes(dnsPolicy)) {
    causes.push({ field: `${prefix}.dnsPolicy`, message: `Unsupported value: "${dnsPolicy}": supported values: ${DNS_POLICIES.map((p) => `"${p}"`).join(', ')}` });
  }
  if (dnsPolicy === 'None') {
    if (!dnsConfig) return [...causes, { field: `${prefix}.dnsConfig`, message: 'Required value: must provide `dnsConfig` when `dnsPolicy` is None' }];
    if (!dnsConfig.nameservers?.length) causes.push({ field: `${prefix}.dnsConfig.nameservers`, message: 'Required value: must provide at least one DNS nameserver when `dnsPolicy` is None' });
  }
  if (!dnsConfig) return causes;
  const servers = dnsConfig.nameservers ?? [];
  if (servers.length > MAX_NAMESERVERS) causes.push({ field: `${prefix}.dnsConfig.nameservers`, message: `Invalid value: "${servers.join(',')}": must not have more than ${MAX_NAMESERVERS} nameservers` });
  servers.forEach((s, i) => {
    if (!IPV4.test(s)) causes.push({ field: `${prefix}.dnsConfig.nameservers[${i}]`, message: `Invalid value: "${s}": must be a valid IP address` });
  });
  const searches = dnsConfig.searches ?? [];
  if (searches.length > MAX_SEARCH_PATHS) causes.push({ field: `${prefix}.dnsConfig.searches`, message: `Invalid value: "${searches.join(',')}": must not have more than ${MAX_SEARCH_PATHS} search paths` });
  (dnsConfig.options ?? []).forEach((o, i) => {
    if (!o.name) causes.push({ field: `${prefix}.dnsConfig.options[${i}].name`, message: 'Required value' });
  });
  return causes;
}
