// Point 10 of issue 15: names outside the cluster. The lab's upstream resolver is a small
// simulated internet (upstream.ts): example.com/.net/.org resolve to the `internet` host, which
// nothing in the lab can reach; any other outside name is NXDOMAIN. Every client must let a
// learner tell "DNS failed" from "connection failed", in its own words:
// - curl: lib/strerror.c / lib/connect.c (curl 8.x) `curl: (6) Could not resolve host: <name>`,
//   `curl: (28) Failed to connect to <name> port 80 after <n> ms: ...`;
// - BusyBox wget (networking/wget.c): `wget: bad address '<name>'` (xhost2sockaddr), `wget: can't
//   connect to remote host (<ip>): Connection timed out` (bb_perror_msg_and_die in connect);
// - iputils ping on Alpine/musl (ping_common.c: error(2, 0, "%s: %s", target, gai_strerror())),
//   musl's gai_strerror(EAI_NONAME) "Name does not resolve"; BusyBox ping `ping: bad address`;
// - dig 9.18: `status: NOERROR` with `flags: qr rd ra` (a forwarded, non-authoritative answer);
// - host 9.18: `<name> has address <ip>` / `Host <name> not found: 3(NXDOMAIN)`;
// - BusyBox nslookup before 1.29 (networking/nslookup.c 1.28.4): `nslookup: can't resolve '<name>'`.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import { queryUpstream } from './upstream';

async function cluster() {
  const sim = createSimulation({ seed: 1 });
  for (const l of ['kubectl run bb --image=busybox --command -- sleep infinity', 'kubectl run old --image=busybox:1.28 --command -- sleep infinity', 'kubectl run tools --image=nicolaka/netshoot --command -- sleep infinity']) {
    const r = await sim.exec(l);
    expect(r.exitCode, r.stderr).toBe(0);
  }
  settle(sim);
  return sim;
}

describe('the simulated internet resolver', () => {
  it('knows the payment provider, the one outside host pods can connect to', async () => {
    expect(queryUpstream('api.payments.example.', 'A').answers).toEqual([{ name: 'api.payments.example.', ttl: 300, type: 'A', data: '203.0.113.10' }]);
    const sim = await cluster();
    const r = await sim.exec('kubectl exec bb -- nc -zv -w 2 api.payments.example 443');
    expect(r.stderr).toContain('api.payments.example (203.0.113.10:443) open');
  });

  it('knows the documentation domains and nothing else', () => {
    expect(queryUpstream('example.com', 'A').answers).toEqual([{ name: 'example.com.', ttl: 300, type: 'A', data: '203.0.113.50' }]);
    expect(queryUpstream('www.example.org.', 'A').rcode).toBe('NOERROR');
    expect(queryUpstream('example.com', 'AAAA')).toMatchObject({ rcode: 'NOERROR', answers: [] });
    expect(queryUpstream('nope.invalid', 'A')).toMatchObject({ rcode: 'NXDOMAIN', authoritative: false });
  });
});

describe('DNS failed vs connection failed, per client', () => {
  it('curl: (6) for a name that does not exist, (28) for one that resolves to an unreachable host', async () => {
    const sim = await cluster();
    expect((await sim.exec('kubectl exec tools -- curl -sS nope.invalid')).stderr).toBe('curl: (6) Could not resolve host: nope.invalid\ncommand terminated with exit code 6\n');
    expect((await sim.exec('kubectl exec tools -- curl -sS example.com')).stderr).toMatch(/^curl: \(28\) Failed to connect to example\.com port 80 after \d+ ms: /);
  });

  it('BusyBox wget: bad address, then can\'t connect to remote host', async () => {
    const sim = await cluster();
    expect((await sim.exec('kubectl exec bb -- wget -O- nope.invalid')).stderr).toBe("wget: bad address 'nope.invalid'\ncommand terminated with exit code 1\n");
    expect((await sim.exec('kubectl exec bb -- wget -O- example.com')).stderr).toBe('Connecting to example.com (203.0.113.50:80)\nwget: can\'t connect to remote host (203.0.113.50): Connection timed out\ncommand terminated with exit code 1\n');
  });

  it('ping: musl\'s "Name does not resolve" on netshoot, BusyBox\'s bad address, 100% loss for example.com', async () => {
    const sim = await cluster();
    expect((await sim.exec('kubectl exec tools -- ping -c1 nope.invalid')).stderr).toBe('ping: nope.invalid: Name does not resolve\ncommand terminated with exit code 2\n');
    expect((await sim.exec('kubectl exec bb -- ping -c1 nope.invalid')).stderr).toBe("ping: bad address 'nope.invalid'\ncommand terminated with exit code 1\n");
    expect((await sim.exec('kubectl exec tools -- ping -c1 -W1 example.com')).stdout).toContain('1 packets transmitted, 0 received, 100% packet loss');
  });

  it('dig, host and both nslookups agree that example.com exists and nope.invalid does not', async () => {
    const sim = await cluster();
    const dig = await sim.exec('kubectl exec tools -- dig example.com');
    expect(dig.stdout).toContain(';; ->>HEADER<<- opcode: QUERY, status: NOERROR');
    expect(dig.stdout).toContain(';; flags: qr rd ra; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1\n');
    // kubeadm's `cache 30` caps what CoreDNS hands out at 30 s, whatever the upstream's TTL (300).
    expect(dig.stdout).toContain('example.com.\t\t30\tIN\tA\t203.0.113.50\n');
    expect((await sim.exec('kubectl exec tools -- dig nope.invalid')).stdout).toContain('status: NXDOMAIN');
    expect((await sim.exec('kubectl exec tools -- host example.com')).stdout).toBe('example.com has address 203.0.113.50\n');
    expect((await sim.exec('kubectl exec bb -- nslookup example.com')).stdout).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nNon-authoritative answer:\nName:\texample.com\nAddress: 203.0.113.50\n\n\n');
    expect((await sim.exec('kubectl exec old -- nslookup example.com')).stdout).toBe('Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      example.com\nAddress 1: 203.0.113.50\n');
    expect((await sim.exec('kubectl exec old -- nslookup nope.invalid')).stderr).toBe("nslookup: can't resolve 'nope.invalid'\ncommand terminated with exit code 1\n");
  });

  it('a node resolves outside names through systemd-resolved, and cannot reach them either', async () => {
    const sim = await cluster();
    const r = await sim.exec('ssh node-1\nnslookup example.com\ncurl -sS -m 2 example.com\nexit');
    expect(r.stdout).toContain('Non-authoritative answer:\nName:\texample.com\nAddress: 203.0.113.50\n');
    expect(r.stderr).toContain('curl: (28) Connection timed out after 2001 milliseconds\n');
  });
});
