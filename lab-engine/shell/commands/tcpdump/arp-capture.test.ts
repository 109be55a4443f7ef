// ARP in captures: a pod whose neighbour never answers (its request is not flooded between two
// isolated bridge ports) sends three ARP requests a second apart and no TCP at all; tcpdump prints
// them as print-arp.c does, `arp` selects them, `ip` does not, `host` matches their addresses, and
// a cooked capture (-i any) marks the received broadcast `B`.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CapturedPacket } from '../../../dataplane/capture/types';
import { createSimulation, settle, type FlatnetSimulation } from '../../../simulation/simulation';
import { parseCaptureFilter } from './capture-filter';
import { formatPacket } from './packet-format';

const golden = (name: string) =>
  readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));

const request = (dev: string, dir: 'in' | 'out'): CapturedPacket => ({
  timeUs: 0,
  tap: { netns: 'node/node-1', dev, dir },
  src: '10.244.1.2',
  dst: '10.244.1.4',
  l4: { proto: 'arp', op: 'request', who: '10.244.1.4', tell: '10.244.1.2', length: 28 },
});

const plain = { cooked: false, numeric: true, noTimestamp: true, quiet: false };

describe('ARP in tcpdump', () => {
  it('prints a request as tcpdump does, and marks a received broadcast B on -i any', () => {
    expect(formatPacket(request('cni0', 'in'), plain)).toBe(golden('arp-request-unanswered.txt')[0]);
    expect(formatPacket(request('cni0', 'in'), { ...plain, cooked: true })).toBe('cni0  B   ARP, Request who-has 10.244.1.4 tell 10.244.1.2, length 28');
    expect(formatPacket(request('eth0', 'out'), { ...plain, cooked: true })).toBe('eth0  Out ARP, Request who-has 10.244.1.4 tell 10.244.1.2, length 28');
  });

  it('selects ARP with `arp` and `host`, never with `ip`, `tcp` or `port`', () => {
    const f = (expr: string) => {
      const parsed = parseCaptureFilter(expr.split(' '), () => undefined);
      if (!parsed.ok) throw new Error(expr);
      return parsed.filter(request('cni0', 'in'));
    };
    expect(f('arp')).toBe(true);
    expect(f('host 10.244.1.4')).toBe(true);
    expect(f('arp and host 10.244.1.2')).toBe(true);
    expect(f('ip')).toBe(false);
    expect(f('tcp')).toBe(false);
    expect(f('port 6379')).toBe(false);
    expect(f('not arp')).toBe(false);
  });

  it('captures three unanswered requests and no SYN on cni0 when two isolated pods try to talk', async () => {
    const sim: FlatnetSimulation = createSimulation({ seed: 4, topology: { cni: 'flannel', proxyMode: 'iptables' }, files: {} });
    for (const name of ['a', 'b']) expect((await sim.exec(`kubectl run ${name} --image=nginx --overrides='{"spec":{"nodeSelector":{"kubernetes.io/hostname":"node-1"}}}'`)).exitCode).toBe(0);
    settle(sim);
    const ips = ['a', 'b'].map((n) => (sim.get('pods', 'default', n) as { status: { podIP: string } }).status.podIP);
    for (const v of (await sim.exec('ssh node-1 bridge link show')).stdout.matchAll(/^\d+: (veth[0-9a-f]+)@/gm)) await sim.exec(`ssh node-1 bridge link set dev ${v[1]} isolated on`);
    const r = await sim.exec(`ssh node-1\ntcpdump -n -t -i cni0 -c 3 &\nexit\nkubectl exec a -- curl -sS -m 5 http://${ips[1]}`);
    expect(r.exitCode).not.toBe(0);
    const shown = r.stdout;
    const lines = shown.split('\n').filter((l) => l.includes('ARP') || l.includes('Flags'));
    expect(lines).toEqual(golden('arp-request-unanswered.txt').map((l) => l.replace('10.244.1.4', ips[1]).replace('10.244.1.2', ips[0])));
  });
});
