// iptables -L / -S against real captures (GROUND-TRUTH §2.5: `iptables -t nat -L` chains from
// live clusters, `iptables -S` of a current node's filter table) and iptables' own error texts.

import { describe, expect, it } from 'vitest';
import { syncIptablesRules } from '../../../dataplane/kube-proxy/iptables-sync';
import { nodeTables } from '../../../dataplane/kube-proxy/netfilter/node-tables';
import { internalTrafficPolicyCase, makeService, makeSlice } from '../../../dataplane/kube-proxy/testing-fixtures';
import { runIptables } from './iptables';

const HEADER = 'target     prot opt source               destination         ';

describe('iptables -t nat -L -n (field captures, GROUND-TRUTH §2.5)', () => {
  it('KUBE-SVC- of default/httpenv with 10 endpoints: masquerade rule, then probability 0.10000000009', () => {
    const svc = makeService('default', 'httpenv', { clusterIP: '10.99.85.244', ports: [{ port: 8888 }] });
    const ips = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((n) => ({ ip: `172.17.0.${n}` }));
    const node = { name: 'minikube', nodeIP: '192.168.49.2', clusterCIDR: '10.244.0.0/16' };
    const t = nodeTables(syncIptablesRules({ services: [svc], endpointSlices: [makeSlice('default', 'httpenv', [{ port: 8888 }], ips)], node }));
    const out = runIptables(['-t', 'nat', '-nL', 'KUBE-SVC-6ZVPY37LGINYSSPR'], t);
    const lines = out.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'Chain KUBE-SVC-6ZVPY37LGINYSSPR (1 references)',
      HEADER,
      'KUBE-MARK-MASQ  6    -- !10.244.0.0/16        10.99.85.244         /* default/httpenv cluster IP */ tcp dpt:8888',
      'KUBE-SEP-GPWR3APAVUJOODXU  0    --  0.0.0.0/0            0.0.0.0/0            /* default/httpenv -> 172.17.0.10:8888 */ statistic mode random probability 0.10000000009',
    ]);
    expect(lines.at(-2)).toBe('KUBE-SEP-YGRPELBHAWQZOHR3  0    --  0.0.0.0/0            0.0.0.0/0            /* default/httpenv -> 172.17.0.9:8888 */');
  });

  it('KUBE-SERVICES: the kubernetes service and the nodeports rule, 2 references (PREROUTING and OUTPUT)', () => {
    const svc = makeService('default', 'kubernetes', { clusterIP: '10.254.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] });
    const t = nodeTables(syncIptablesRules({ services: [svc], endpointSlices: [makeSlice('default', 'kubernetes', [{ name: 'https', port: 6443 }], [{ ip: '192.168.0.2' }])], node: { name: 'n', nodeIP: '192.168.0.2', clusterCIDR: '10.244.0.0/16' } }));
    expect(runIptables(['-t', 'nat', '-L', 'KUBE-SERVICES', '-n'], t).stdout).toBe(
      [
        'Chain KUBE-SERVICES (2 references)',
        HEADER,
        'KUBE-SVC-NPX46M4PTMTKRN6Y  6    --  0.0.0.0/0            10.254.0.1           /* default/kubernetes:https cluster IP */ tcp dpt:443',
        'KUBE-NODEPORTS  0    --  0.0.0.0/0            0.0.0.0/0            /* kubernetes service nodeports; NOTE: this must be the last rule in this chain */ ADDRTYPE match dst-type LOCAL',
        '',
      ].join('\n'),
    );
    // Without -n: `anywhere` and service names from /etc/services.
    expect(runIptables(['-t', 'nat', '-L', 'KUBE-SERVICES'], t).stdout).toContain('KUBE-SVC-NPX46M4PTMTKRN6Y  tcp  --  anywhere             10.254.0.1           /* default/kubernetes:https cluster IP */ tcp dpt:https\n');
  });

  it('target texts: MARK or, DNAT to:, built-in chain policy header', () => {
    const t = nodeTables(syncIptablesRules(internalTrafficPolicyCase('Cluster')));
    const out = runIptables(['-t', 'nat', '-n', '-L'], t).stdout;
    expect(out.startsWith(`Chain PREROUTING (policy ACCEPT)\n${HEADER}\nKUBE-SERVICES  0    --  0.0.0.0/0            0.0.0.0/0            /* kubernetes service portals */\n\nChain INPUT (policy ACCEPT)\n${HEADER}\n\nChain OUTPUT`)).toBe(true);
    expect(out).toContain('\nMARK       0    --  0.0.0.0/0            0.0.0.0/0            MARK or 0x4000\n');
    expect(out).toContain('\nDNAT       6    --  0.0.0.0/0            0.0.0.0/0            /* ns1/svc1 */ tcp to:10.0.1.1:80\n');
    expect(out).toContain('\nRETURN     0    --  0.0.0.0/0            0.0.0.0/0            mark match ! 0x4000/0x4000\n');
  });

  it('-v adds counters and interfaces (layout of a real `iptables -L -v` capture); --line-numbers adds num', () => {
    const t = nodeTables(syncIptablesRules(internalTrafficPolicyCase('Cluster')));
    const out = runIptables(['-nvL', 'FORWARD'], t).stdout.split('\n');
    expect(out[0]).toBe('Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)');
    expect(out[1]).toBe(' pkts bytes target     prot opt in     out     source               destination         ');
    expect(out[3]).toBe('    0     0 KUBE-FORWARD  0    --  *      *       0.0.0.0/0            0.0.0.0/0            /* kubernetes forwarding rules */');
    const num = runIptables(['-t', 'nat', '-L', 'KUBE-POSTROUTING', '-n', '--line-numbers'], t).stdout.split('\n');
    expect(num[1]).toBe(`num  ${HEADER}`);
    expect(num[2]).toBe('1    RETURN     0    --  0.0.0.0/0            0.0.0.0/0            mark match ! 0x4000/0x4000');
  });
});

describe('iptables -S (GROUND-TRUTH §2.5 capture of a current node)', () => {
  it('filter: policies, user chains sorted, base-chain jumps in kube-proxy\'s insertion order', () => {
    const t = nodeTables(syncIptablesRules(internalTrafficPolicyCase('Cluster')));
    const captured = [
      '-P INPUT ACCEPT',
      '-P FORWARD ACCEPT',
      '-P OUTPUT ACCEPT',
      '-N KUBE-EXTERNAL-SERVICES',
      '-N KUBE-FIREWALL',
      '-N KUBE-FORWARD',
      '-N KUBE-KUBELET-CANARY',
      '-N KUBE-NODEPORTS',
      '-N KUBE-PROXY-CANARY',
      '-N KUBE-PROXY-FIREWALL',
      '-N KUBE-SERVICES',
      '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
      '-A INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS',
      '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
      '-A INPUT -j KUBE-FIREWALL',
      '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
      '-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD',
      '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
      '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
      '-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
    ];
    expect(runIptables(['-S'], t).stdout.startsWith(captured.join('\n') + '\n')).toBe(true);
  });

  it('-S CHAIN prints -N then its rules', () => {
    const t = nodeTables(syncIptablesRules(internalTrafficPolicyCase('Cluster')));
    expect(runIptables(['-t', 'nat', '-S', 'KUBE-MARK-MASQ'], t).stdout).toBe('-N KUBE-MARK-MASQ\n-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000\n');
  });
});

describe('iptables errors', () => {
  const t = nodeTables(syncIptablesRules(internalTrafficPolicyCase('Cluster')));
  it.each([
    [[], 2, 'iptables v1.8.10 (nf_tables): no command specified\nTry `iptables -h\' or \'iptables --help\' for more information.\n'],
    [['-L', '--bogus'], 2, 'iptables v1.8.10 (nf_tables): unknown option "--bogus"\nTry `iptables -h\' or \'iptables --help\' for more information.\n'],
    [['-L', '-S'], 2, 'iptables v1.8.10 (nf_tables): Cannot use -S with -L\nTry `iptables -h\' or \'iptables --help\' for more information.\n'],
    [['-L', 'NOPE'], 1, 'iptables: No chain/target/match by that name.\n'],
    [['-S', '-n'], 2, 'iptables v1.8.10 (nf_tables): Illegal option `-n\' with this command\nTry `iptables -h\' or \'iptables --help\' for more information.\n'],
  ])('iptables %j → exit %i', (args, code, stderr) => {
    expect(runIptables(args as string[], t)).toEqual({ stdout: '', stderr, exitCode: code });
  });
});
