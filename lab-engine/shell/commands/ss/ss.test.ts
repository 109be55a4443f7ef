// ss against the model's sockets. Expected lines follow iproute2 6.1's misc/ss.c: compact layout
// when stdout is no terminal (each column as wide as its widest cell, "%-6d" queues, padding kept
// at the end of the line), LISTEN for TCP listeners and UNCONN for UDP, peers `0.0.0.0:*`,
// `[::]:*` and `*:*`, usage on stderr with status 255 for a bad option.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';
import { renderTable, ssColumns } from './column-layout';
import { socketsHere } from './socket-table';

const SIDECAR = `apiVersion: v1
kind: Pod
metadata:
  name: side
spec:
  containers:
  - name: web
    image: nginx
  - name: echo
    image: registry.k8s.io/e2e-test-images/agnhost:2.53
    args: [netexec, --http-port=8080, --udp-port=8081]
  - name: tools
    image: nicolaka/netshoot
    command: [sleep, infinity]
`;

async function cluster() {
  const sim = createSimulation({ seed: 1 });
  for (const l of [`kubectl apply -f - <<'EOF'\n${SIDECAR}EOF`, 'kubectl run bb --image=busybox -- sleep infinity']) expect((await sim.exec(l)).exitCode).toBe(0);
  settle(sim);
  return sim;
}

describe('ss', () => {
  it('-tlnp in a sidecar lists the pod\'s listeners (shared netns) without the other containers\' processes', async () => {
    const sim = await cluster();
    const r = await sim.exec('kubectl exec side -c tools -- ss -tlnp');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess',
      'LISTEN 0      511          0.0.0.0:80        0.0.0.0:*          ',
      'LISTEN 0      511             [::]:80           [::]:*          ',
      'LISTEN 0      4096               *:8080            *:*          ',
      '',
    ]);
  });

  it('-ulnp shows UDP sockets as UNCONN; -tln without -p has no Process column; -4 leaves out dual-stack sockets', async () => {
    const sim = await cluster();
    expect((await sim.exec('kubectl exec side -c tools -- ss -ulnp')).stdout).toBe('State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\nUNCONN 0      0                  *:8081            *:*          \n');
    expect((await sim.exec('kubectl exec side -c tools -- ss -tln')).stdout).toBe(
      'State  Recv-Q Send-Q Local Address:Port Peer Address:Port\nLISTEN 0      511          0.0.0.0:80        0.0.0.0:*   \nLISTEN 0      511             [::]:80           [::]:*   \nLISTEN 0      4096               *:8080            *:*   \n',
    );
    expect((await sim.exec('kubectl exec side -c tools -- ss -4tlnH')).stdout).toBe('LISTEN 0      511    0.0.0.0:80 0.0.0.0:*\n');
  });

  it('names ports from /etc/services without -n, adds Netid when several tables are shown, and lists nothing for plain -t', async () => {
    const sim = await cluster();
    const l = await sim.exec('kubectl exec side -c tools -- ss -l');
    expect(l.stdout).toBe(
      [
        'Netid State  Recv-Q Send-Q Local Address:Port     Peer Address:Port',
        'udp   UNCONN 0      0                  *:8081                *:*   ',
        'tcp   LISTEN 0      511          0.0.0.0:http          0.0.0.0:*   ',
        'tcp   LISTEN 0      511             [::]:http             [::]:*   ',
        'tcp   LISTEN 0      4096               *:http-alt            *:*   ',
        '',
      ].join('\n'),
    );
    expect(l.stderr).toBe('ss: netlink, packet, unix sockets are not simulated in Flatnet; listing TCP and UDP sockets only\n');
    expect((await sim.exec('kubectl exec side -c tools -- ss -t')).stdout).toBe('State Recv-Q Send-Q Local Address:Port Peer Address:Port\n');
    expect((await sim.exec('kubectl exec side -c tools -- ss -tan')).stdout).toContain('\nLISTEN 0      511          0.0.0.0:80        0.0.0.0:*   \n');
  });

  it('on a node: the daemons with host PIDs, sshd on both families, sport filters', async () => {
    const sim = await cluster();
    const r = await sim.exec('ssh node-1\nss -tlnp\nss -Htln sport = :10250\nexit');
    expect(r.stdout).toContain(
      [
        'State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess                               ',
        'LISTEN 0      128          0.0.0.0:22         0.0.0.0:*    users:(("sshd",pid=812,fd=3))        ',
        'LISTEN 0      4096       127.0.0.1:10248      0.0.0.0:*    users:(("kubelet",pid=1094,fd=22))   ',
        'LISTEN 0      4096       127.0.0.1:10249      0.0.0.0:*    users:(("kube-proxy",pid=1873,fd=12))',
        'LISTEN 0      128             [::]:22            [::]:*    users:(("sshd",pid=812,fd=4))        ',
        'LISTEN 0      4096               *:10250            *:*    users:(("kubelet",pid=1094,fd=25))   ',
        'LISTEN 0      4096               *:10256            *:*    users:(("kube-proxy",pid=1873,fd=11))',
        'LISTEN 0      4096   *:10250 *:*',
        '',
      ].join('\n'),
    );
  });

  it('the nginx container itself would see its master and workers holding the sockets', async () => {
    const sim = await cluster();
    const rows = socketsHere(sim.cluster, { kind: 'pod', namespace: 'default', pod: 'side', container: 'web' })!;
    expect(rows.find((s) => s.port === 80 && s.family === 'inet')).toMatchObject({ state: 'LISTEN', local: '0.0.0.0', sendQ: 511, users: '("nginx",pid=30,fd=6),("nginx",pid=29,fd=6),("nginx",pid=1,fd=6)' });
    expect(rows.find((s) => s.port === 80 && s.family === 'inet6')?.users).toBe('("nginx",pid=30,fd=7),("nginx",pid=29,fd=7),("nginx",pid=1,fd=7)');
    expect(rows.find((s) => s.port === 8080)?.users).toBeUndefined();
  });

  it('on a terminal the spare width is spread over the columns, as render_calc_width does', () => {
    const columns = ssColumns();
    columns[0].disabled = true;
    columns[8].disabled = true;
    const rows = [columns.map((c) => c.header), ['', 'LISTEN', '0     ', '511   ', '0.0.0.0:', '80', '0.0.0.0:', '*', '', '']];
    const lines = renderTable(columns, rows, 80).split('\n');
    // 57 columns of content, 23 to spare: 3 more for each of the 7 columns, the last two get one extra.
    expect(lines[0]).toBe('State     Recv-Q    Send-Q       Local Address:Port        Peer Address:Port    ');
    expect(lines[1]).toBe('LISTEN    0         511                0.0.0.0:80               0.0.0.0:*       ');
    expect(lines[0]).toHaveLength(80);
    expect(lines[1]).toHaveLength(80);
  });

  it('answers like ss: a bad option gives the usage and status 255, -h the usage on stdout, -Z SELinux, unmodelled tables say so', async () => {
    const sim = await cluster();
    const bad = await sim.exec('kubectl exec side -c tools -- ss -q');
    expect(bad.exitCode).toBe(255);
    expect(bad.stderr.startsWith("ss: invalid option -- 'q'\nUsage: ss [ OPTIONS ]\n       ss [ OPTIONS ] [ FILTER ]\n   -h, --help          this message\n")).toBe(true);
    expect(bad.stderr.endsWith('command terminated with exit code 255\n')).toBe(true);
    const help = await sim.exec('kubectl exec side -c tools -- ss -h');
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('   -t, --tcp           display only TCP sockets\n');
    expect((await sim.exec('kubectl exec side -c tools -- ss -V')).stdout).toBe('ss utility, iproute2-6.1.0\n');
    expect((await sim.exec('kubectl exec side -c tools -- ss -Z')).stderr).toBe('ss: SELinux is not enabled.\ncommand terminated with exit code 1\n');
    expect((await sim.exec('kubectl exec side -c tools -- ss -x')).stderr).toBe('ss: unix sockets are not simulated in Flatnet; only TCP and UDP sockets are modelled\ncommand terminated with exit code 1\n');
    expect((await sim.exec('kubectl exec side -c tools -- ss -ti')).stderr).toBe('ss: -i (TCP internals) is not simulated in Flatnet\ncommand terminated with exit code 1\n');
    expect((await sim.exec('kubectl exec side -c tools -- ss -t state bogus')).stderr).toBe('ss: wrong state name: bogus\ncommand terminated with exit code 255\n');
    expect((await sim.exec('kubectl exec bb -- ss -tln')).stderr).toContain('exec: "ss": executable file not found in $PATH');
    expect((await sim.exec('ss -tln')).stderr).toBe('bash: ss: command not found\n');
  });
});
