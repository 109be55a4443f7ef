// kubelet's resolver settings per dnsPolicy, merged with dnsConfig, and glibc's reading of them.

import { describe, expect, it } from 'vitest';
import type { Pod } from '../../kube/types';
import { candidateNames, effectivePolicy, podDnsSettings, renderResolvConf, stubOptions } from './pod-dns-config';
import { CLUSTER_FIRST_SHOP, CLUSTER_FIRST_WITH_DNS_CONFIG, NONE_CUSTOM_DNS } from './testdata/resolv-conf-golden';

function pod(spec: Partial<Pod['spec']>, namespace = 'shop'): Pod {
  return { metadata: { name: 'p', namespace }, spec: { dnsPolicy: 'ClusterFirst', containers: [], ...spec } } as unknown as Pod;
}

describe('pod DNS settings', () => {
  it('renders ClusterFirst as kubelet does', () => {
    expect(renderResolvConf(podDnsSettings(pod({})))).toBe(CLUSTER_FIRST_SHOP);
  });

  it('renders dnsPolicy None from dnsConfig alone (the documentation example)', () => {
    const p = pod({ dnsPolicy: 'None', dnsConfig: { nameservers: ['192.0.2.1'], searches: ['ns1.svc.cluster-domain.example', 'my.dns.search.suffix'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } }, 'default');
    expect(renderResolvConf(podDnsSettings(p))).toBe(NONE_CUSTOM_DNS);
  });

  it('merges dnsConfig into ClusterFirst: searches appended, a same-named option replaced', () => {
    const p = pod({ dnsConfig: { searches: ['corp.example', 'cluster.local'], options: [{ name: 'ndots', value: '2' }, { name: 'single-request-reopen' }] } });
    expect(renderResolvConf(podDnsSettings(p))).toBe(CLUSTER_FIRST_WITH_DNS_CONFIG);
  });

  it('gives a hostNetwork pod on ClusterFirst the node resolver, and ClusterFirstWithHostNet the cluster DNS', () => {
    expect(effectivePolicy(pod({ hostNetwork: true }))).toBe('Default');
    expect(podDnsSettings(pod({ hostNetwork: true })).nameservers).toEqual(['127.0.0.53']);
    expect(podDnsSettings(pod({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' })).nameservers).toEqual(['10.96.0.10']);
  });

  it('keeps at most three nameservers', () => {
    const p = pod({ dnsConfig: { nameservers: ['10.0.0.1', '10.0.0.2', '10.0.0.3'] } });
    expect(podDnsSettings(p).nameservers).toEqual(['10.96.0.10', '10.0.0.1', '10.0.0.2']);
  });
});

describe('glibc options and the search list', () => {
  it('reads timeout, attempts, ndots and the request options, with glibc defaults and caps', () => {
    expect(stubOptions([])).toEqual({ ndots: 1, timeoutSec: 5, attempts: 2, singleRequest: false, singleRequestReopen: false, useVc: false });
    const o = stubOptions([{ name: 'ndots', value: '99' }, { name: 'timeout', value: '1' }, { name: 'attempts', value: '3' }, { name: 'single-request-reopen' }, { name: 'use-vc' }]);
    expect(o).toEqual({ ndots: 15, timeoutSec: 1, attempts: 3, singleRequest: false, singleRequestReopen: true, useVc: true });
  });

  it('tries a name with fewer than ndots dots through the search list first; a trailing dot only as given', () => {
    const search = ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local'];
    expect(candidateNames('api.payments.example', search, 5)).toEqual(['api.payments.example.shop.svc.cluster.local', 'api.payments.example.svc.cluster.local', 'api.payments.example.cluster.local', 'api.payments.example']);
    expect(candidateNames('api.payments.example', search, 2)[0]).toBe('api.payments.example');
    expect(candidateNames('api.payments.example.', search, 5)).toEqual(['api.payments.example']);
  });
});
