// The API server's dnsPolicy and dnsConfig validation.

import { describe, expect, it } from 'vitest';
import { validatePodDns } from './pod-dns-validation';

describe('pod DNS validation', () => {
  it('accepts the four policies and a dnsConfig with ClusterFirst', () => {
    for (const p of ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default']) expect(validatePodDns(p, undefined)).toEqual([]);
    expect(validatePodDns('None', { nameservers: ['192.0.2.1'] })).toEqual([]);
    expect(validatePodDns('ClusterFirst', { options: [{ name: 'single-request-reopen' }] })).toEqual([]);
  });

  it('requires nameservers with None, at most three of them, and a name per option', () => {
    expect(validatePodDns('None', {})).toEqual([{ field: 'spec.dnsConfig.nameservers', message: 'Required value: must provide at least one DNS nameserver when `dnsPolicy` is None' }]);
    expect(validatePodDns(undefined, { nameservers: ['1.1.1.1', '1.0.0.1', '8.8.8.8', '8.8.4.4'] })[0].message).toContain('must not have more than 3 nameservers');
    expect(validatePodDns(undefined, { nameservers: ['dns.example'] })[0]).toEqual({ field: 'spec.dnsConfig.nameservers[0]', message: 'Invalid value: "dns.example": must be a valid IP address' });
    expect(validatePodDns(undefined, { options: [{ name: '' }] })).toEqual([{ field: 'spec.dnsConfig.options[0].name', message: 'Required value' }]);
  });
});
