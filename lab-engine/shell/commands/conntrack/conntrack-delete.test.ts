// `conntrack -D` with the filters an operator uses on a stale UDP flow (-p, -s, -d/--orig-dst,
// --dport, -r): each deleted entry on stdout, the count on stderr as conntrack-tools 1.4.7 prints it
// ("conntrack v1.4.7 (conntrack-tools): 1 flow entries have been deleted."), exit 1 when none matched.

import { describe, expect, it } from 'vitest';
import { ConntrackTable } from '../../../dataplane/conntrack/conntrack';
import { runConntrack } from './conntrack';

const SVC = '10.96.40.7';

function table() {
  const t = new ConntrackTable();
  // checkout's statsd flow, DNATed to the endpoint as it was when the flow began.
  t.create('udp', { src: '10.244.1.5', dst: SVC, sport: 41000, dport: 8125 }, { dnat: '172.18.0.4:8125', snat: '172.18.0.3' }, 0);
  // Another client's flow to the same Service.
  t.create('udp', { src: '10.244.1.6', dst: SVC, sport: 42000, dport: 8125 }, { dnat: '172.18.0.4:8125', snat: '172.18.0.3' }, 0);
  // A DNS query, and checkout's HTTP connection to the same ClusterIP's TCP port.
  t.create('udp', { src: '10.244.1.5', dst: '10.96.0.10', sport: 43000, dport: 53 }, { dnat: '10.244.0.3:53' }, 0);
  t.create('tcp', { src: '10.244.1.5', dst: SVC, sport: 44000, dport: 8080 }, { dnat: '10.244.2.9:8080' }, 0);
  return t;
}

const run = (t: ConntrackTable, args: string) => runConntrack(args.split(' '), { table: t, nowMs: 1_000 });

describe('conntrack -D', () => {
  it('-p udp --orig-dst SVC --dport 8125: both statsd flows, printed as they go, counted on stderr', () => {
    const t = table();
    const r = run(t, `-D -p udp --orig-dst ${SVC} --dport 8125`);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(
      `udp      17 29 src=10.244.1.5 dst=${SVC} sport=41000 dport=8125 [UNREPLIED] src=172.18.0.4 dst=172.18.0.3 sport=8125 dport=41000 mark=0 use=1\n` +
        `udp      17 29 src=10.244.1.6 dst=${SVC} sport=42000 dport=8125 [UNREPLIED] src=172.18.0.4 dst=172.18.0.3 sport=8125 dport=42000 mark=0 use=1\n`,
    );
    expect(r.stderr).toBe('conntrack v1.4.7 (conntrack-tools): 2 flow entries have been deleted.\n');
    expect(t.list(1_000).map((e) => e.orig.dport)).toEqual([53, 8080]);
  });

  it('-s narrows to one client, -d is --orig-dst', () => {
    const t = table();
    expect(run(t, `-D -p udp -s 10.244.1.5 -d ${SVC}`).stderr).toBe('conntrack v1.4.7 (conntrack-tools): 1 flow entries have been deleted.\n');
    expect(t.list(1_000).map((e) => `${e.orig.src}:${e.orig.dport}`)).toEqual(['10.244.1.6:8125', '10.244.1.5:53', '10.244.1.5:8080']);
  });

  it('-p tcp takes only the TCP connection and leaves the UDP flows', () => {
    const t = table();
    const r = run(t, `-D -p tcp -d ${SVC}`);
    expect(r.stderr).toBe('conntrack v1.4.7 (conntrack-tools): 1 flow entries have been deleted.\n');
    expect(t.list(1_000).filter((e) => e.protocol === 'udp')).toHaveLength(3);
  });

  it('--orig-dst with the endpoint address matches nothing: the original destination is the ClusterIP (exit 1)', () => {
    const t = table();
    const r = run(t, '-D -p udp --orig-dst 172.18.0.4');
    expect(r).toMatchObject({ stdout: '', stderr: 'conntrack v1.4.7 (conntrack-tools): 0 flow entries have been deleted.\n', exitCode: 1 });
    expect(t.list(1_000)).toHaveLength(4);
    // -r (--reply-src) is how to name the endpoint.
    expect(run(t, '-D -p udp -r 172.18.0.4').stderr).toBe('conntrack v1.4.7 (conntrack-tools): 2 flow entries have been deleted.\n');
  });

  it('a bad address or port is refused before anything is deleted', () => {
    const t = table();
    expect(run(t, '-D -p udp --dport 81250')).toMatchObject({ exitCode: 2, stderr: expect.stringContaining("invalid port `81250'") });
    expect(run(t, '-D -d 10.96.40')).toMatchObject({ exitCode: 2, stderr: expect.stringContaining("Bad IP address `10.96.40'") });
    expect(t.list(1_000)).toHaveLength(4);
  });
});
