// ipvsadm -Ln against kubernetes/kubernetes pkg/proxy/ipvs/README.md's example (GROUND-TRUTH §3)
// and ipvsadm.c's line formats and sort order.

import { describe, expect, it } from 'vitest';
import { ipvsSchedule, syncIpvs } from '../../../dataplane/kube-proxy/ipvs';
import { makeService, makeSlice } from '../../../dataplane/kube-proxy/testing-fixtures';
import { runIpvsadm } from './ipvsadm';

const node = { name: 'node-1', nodeIP: '192.168.17.130', clusterCIDR: '10.244.0.0/16' };

function readmeCluster() {
  const services = [
    makeService('default', 'kubernetes', { clusterIP: '10.0.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }], sessionAffinity: 'ClientIP' }),
    makeService('kube-system', 'kube-dns', { clusterIP: '10.0.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }] }),
  ];
  const slices = [
    makeSlice('default', 'kubernetes', [{ name: 'https', port: 6443 }], [{ ip: '192.168.0.1' }]),
    makeSlice('kube-system', 'kube-dns', [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }], [{ ip: '172.17.0.2' }]),
  ];
  return syncIpvs({ services, endpointSlices: slices, node });
}

describe('ipvsadm -Ln', () => {
  it("matches the upstream IPVS README example (one API connection open, affinity 'persistent 10800')", () => {
    const state = readmeCluster();
    expect(ipvsSchedule(state, { protocol: 'tcp', src: '10.244.1.5', dst: '10.0.0.1', dport: 443 }).kind).toBe('forward');
    const out = runIpvsadm(['-Ln'], state);
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split('\n').map((l) => l.trimEnd())).toEqual([
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      'TCP  10.0.0.1:443 rr persistent 10800',
      '  -> 192.168.0.1:6443             Masq    1      1          0',
      'TCP  10.0.0.10:53 rr',
      '  -> 172.17.0.2:53                Masq    1      0          0',
      'UDP  10.0.0.10:53 rr',
      '  -> 172.17.0.2:53                Masq    1      0          0',
      '',
    ]);
    // "%-10u\n": the InActConn column keeps its padding.
    expect(out.stdout).toContain('  -> 172.17.0.2:53                Masq    1      0          0         \n');
  });

  it('without -n, ports are /etc/services names', () => {
    expect(runIpvsadm(['-L'], readmeCluster()).stdout).toContain('TCP  10.0.0.1:https rr persistent 10800\n');
  });

  it("NodePort virtual servers on the node address sort before 10.x (libipvs' signed address difference)", () => {
    const svc = makeService('default', 'web', { type: 'NodePort', clusterIP: '10.96.5.5', ports: [{ port: 80, nodePort: 30057 }] });
    const state = syncIpvs({ services: [svc], endpointSlices: [makeSlice('default', 'web', [{ port: 8080 }], [{ ip: '10.244.1.7' }])], node });
    const services = runIpvsadm(['-L', '-n'], state).stdout.split('\n').filter((l) => /^(TCP|UDP)/.test(l));
    expect(services).toEqual(['TCP  192.168.17.130:30057 rr', 'TCP  10.96.5.5:80 rr']);
    expect(state.dummyAddresses).toEqual(['10.96.5.5']);
  });

  it('-t VIP:PORT lists one service; errors', () => {
    const state = readmeCluster();
    expect(runIpvsadm(['-L', '-n', '-t', '10.0.0.10:53'], state).stdout.split('\n')[3]).toBe('TCP  10.0.0.10:53 rr');
    expect(runIpvsadm(['-Ln', '-t', '10.9.9.9:1'], state)).toEqual({ stdout: '', stderr: 'No such service\n', exitCode: 1 });
  });
});

describe('IPVS schedulers', () => {
  const svc = makeService('default', 'web', { clusterIP: '10.96.5.5', ports: [{ port: 80 }] });
  const slices = [makeSlice('default', 'web', [{ port: 8080 }], [{ ip: '10.244.1.7' }, { ip: '10.244.2.8' }, { ip: '10.244.3.9' }])];
  const pkt = (src: string) => ({ protocol: 'tcp', src, dst: '10.96.5.5', dport: 80 });

  it('rr takes the real servers in turn', () => {
    const state = syncIpvs({ services: [svc], endpointSlices: slices, node });
    const picks = [1, 2, 3, 4].map(() => {
      const r = ipvsSchedule(state, pkt('10.244.9.9'));
      return r.kind === 'forward' ? r.realServer.address : r.kind;
    });
    expect(picks).toEqual(['10.244.1.7', '10.244.2.8', '10.244.3.9', '10.244.1.7']);
  });

  it('lc takes the one with the fewest active connections', () => {
    const state = syncIpvs({ services: [svc], endpointSlices: slices, node, scheduler: 'lc' });
    state.virtualServers[0].realServers[0].activeConns = 5;
    state.virtualServers[0].realServers[1].activeConns = 2;
    state.virtualServers[0].realServers[2].activeConns = 3;
    const r = ipvsSchedule(state, pkt('10.244.9.9'));
    expect(r.kind === 'forward' && r.realServer.address).toBe('10.244.2.8');
    expect(r.kind === 'forward' && r.reason).toContain('lc: fewest active connections (2)');
  });

  it('sh sends a client to the same real server every time', () => {
    const state = syncIpvs({ services: [svc], endpointSlices: slices, node, scheduler: 'sh' });
    const first = ipvsSchedule(state, pkt('10.244.9.9'));
    for (let k = 0; k < 5; k++) expect(ipvsSchedule(state, pkt('10.244.9.9'))).toMatchObject({ realServer: { address: first.kind === 'forward' ? first.realServer.address : '' } });
  });

  it('no virtual server / no real servers explain themselves', () => {
    const state = syncIpvs({ services: [svc], endpointSlices: [], node });
    expect(ipvsSchedule(state, pkt('1.1.1.1'))).toMatchObject({ kind: 'no-real-server', reason: 'virtual server 10.96.5.5:80 (default/web) has no real servers' });
    expect(ipvsSchedule(state, { ...pkt('1.1.1.1'), dport: 81 }).kind).toBe('no-virtual-server');
  });
});
