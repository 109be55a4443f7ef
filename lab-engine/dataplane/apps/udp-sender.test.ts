// Which containers are steady UDP senders: one socket, one source port, for their whole life.

import { describe, expect, it } from 'vitest';
import { senderLoop, udpSenders } from './udp-sender';

const sh = (script: string) => ({ name: 'app', command: ['sh', '-c', script] });

describe('senderLoop', () => {
  it('a loop piped into one nc -u is one socket: host, port and pace', () => {
    expect(senderLoop(sh('while true; do echo "orders:1|c"; sleep 10; done | nc -u statsd.monitoring 8125'))).toEqual({ host: 'statsd.monitoring', port: 8125, intervalMs: 10_000 });
    expect(senderLoop(sh('while :; do echo x; sleep 2.5; done | nc -u -w1 10.96.0.20 9125'))).toEqual({ host: '10.96.0.20', port: 9125, intervalMs: 2_500 });
  });

  it('nc run once per line opens a socket each time, and a server or a TCP nc sends nothing steady', () => {
    expect(senderLoop(sh('while true; do echo x | nc -u -w1 statsd 8125; sleep 10; done'))).toBeUndefined();
    expect(senderLoop(sh('while true; do echo x; sleep 10; done | nc statsd 8125'))).toBeUndefined();
    expect(senderLoop({ name: 'app', args: ['netexec', '--udp-port=8125'] })).toBeUndefined();
  });

  it('a restarted container gets a new source port (a new socket)', () => {
    const pod = (restartCount: number) => ({
      metadata: { name: 'checkout', uid: 'u-1' },
      spec: { containers: [sh('while true; do echo x; sleep 10; done | nc -u statsd 8125')] },
      status: { phase: 'Running', containerStatuses: [{ name: 'app', restartCount, state: { running: { startedAt: '2026-01-05T09:00:00Z' } } }] },
    });
    const [first] = udpSenders(pod(0));
    expect(first.sourcePort).toBeGreaterThanOrEqual(32768);
    expect(first.sourcePort).toBeLessThanOrEqual(60999);
    expect(udpSenders(pod(0))[0].sourcePort).toBe(first.sourcePort);
    expect(udpSenders(pod(1))[0].sourcePort).not.toBe(first.sourcePort);
  });
});
