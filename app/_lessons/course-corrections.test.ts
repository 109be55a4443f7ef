// Issue 16 listed statements the course used to get wrong (and claims its source articles make).
// Each correction is pinned to the lesson that carries it, so an edit that drops it, or brings an
// old error back anywhere in the course, fails here rather than in front of a learner.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listModules } from './catalogue';

const modules = await listModules();
const lessons = new Map<string, string>(modules.flatMap((m) => m.lessons.map((l) => [`${m.slug}/${l.slug}`, readFileSync(l.path, 'utf8').replace(/\s+/g, ' ')] as const)));
const lesson = (key: string) => {
  const text = lessons.get(key);
  if (text === undefined) throw new Error(`no lesson ${key}`);
  return text;
};
const order = (slug: string) => modules.find((m) => m.slug === slug)?.order ?? Number.NaN;

const CORRECTIONS: { what: string; lesson: string; says: RegExp }[] = [
  { what: 'iptables mode rewrites only changed chains since MinimizeIPTablesRestore', lesson: 'services/services-and-kube-proxy', says: /MinimizeIPTablesRestore/ },
  { what: 'the same, where kube-proxy is taught', lesson: 'kube-proxy/iptables-mode', says: /MinimizeIPTablesRestore/ },
  { what: 'nftables mode is GA since v1.33 (KEP-3866)', lesson: 'kube-proxy/nftables-and-ipvs', says: /KEP-3866/ },
  { what: 'IPVS mode is deprecated in v1.35', lesson: 'kube-proxy/nftables-and-ipvs', says: /IPVS[^.]*deprecated|deprecated[^.]*IPVS/i },
  { what: 'an EndpointSlice carries ready/serving/terminating conditions', lesson: 'services/services-and-kube-proxy', says: /`ready`, `serving` and `terminating`/ },
  { what: 'a wrong targetPort gives a TCP reset from the pod', lesson: 'services/services-and-kube-proxy', says: /TCP reset/ },
  { what: 'kubeadm’s kube-proxy ConfigMap has mode: ""', lesson: 'services/services-and-kube-proxy', says: /mode: ""/ },
  { what: 'ingress-nginx is retired', lesson: 'ingress/ingress-and-controllers', says: /ingress-nginx is retired/ },
  { what: 'Gateway API is taught', lesson: 'gateway-api/role-oriented-model', says: /HTTPRoute/ },
  { what: 'Weave Net is unmaintained', lesson: 'pod-network/pod-network-model', says: /Weave Net[^.]*unmaintained/ },
  { what: 'the DNS capture is given traffic before it is read', lesson: 'dns/coredns-and-service-discovery', says: /tcpdump [^']*& sleep 1; dig [^']*; wait/ },
  { what: 'the controller’s log is read after the requests', lesson: 'ingress/ingress-and-controllers', says: /Only now, after the requests/ },
  { what: 'four Service types; headless is clusterIP: None', lesson: 'services/services-and-kube-proxy', says: /exactly four[\s\S]*clusterIP: None/ },
  { what: 'kube-proxy does not route pod to pod; the CNI does', lesson: 'pod-network/pod-network-model', says: /the CNI plugin, not kube-proxy/ },
  { what: 'flannel keeps its state through the Kubernetes API', lesson: 'pod-network/pod-network-model', says: /kube-subnet-mgr/ },
  { what: 'LoadBalancer node ports can be turned off', lesson: 'exposing-services/nodeport-and-loadbalancer', says: /allocateLoadBalancerNodePorts: false/ },
  { what: 'a policy isolates only the directions in its policyTypes', lesson: 'network-policies/network-policies', says: /only in the directions listed in `policyTypes`/ },
];

/** Wrong statements that must not come back anywhere in the course. */
const ERRORS: { what: string; says: RegExp; unless?: RegExp }[] = [
  { what: 'every Service change rewrites the whole table', says: /rewrites? the whole (iptables )?table on every/i },
  { what: 'Weave Net presented without saying it is unmaintained', says: /Weave Net/, unless: /unmaintained/ },
  { what: 'headless as a fifth Service type', says: /five (Service )?types/i },
];

describe('the corrections issue 16 asked for', () => {
  for (const c of CORRECTIONS) {
    it(`${c.lesson}: ${c.what}`, () => {
      expect(lesson(c.lesson)).toMatch(c.says);
    });
  }

  it('NetworkPolicies come after the Services whose DNAT they rely on', () => {
    expect(order('network-policies')).toBeGreaterThan(order('services'));
    expect(order('network-policies')).toBeGreaterThan(order('kube-proxy'));
  });

  for (const e of ERRORS) {
    it(`no lesson says: ${e.what}`, () => {
      const found = [...lessons].filter(([, text]) => e.says.test(text) && !e.unless?.test(text)).map(([key]) => key);
      expect(found).toEqual([]);
    });
  }
});
