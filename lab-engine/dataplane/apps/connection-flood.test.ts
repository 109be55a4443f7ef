// A loop that runs nc once per line is a flood of new connections; one nc fed by the whole loop is not.

import { describe, expect, it } from 'vitest';
import { connectionFloods, floodLoop, MAX_FLOOD_CONNECTIONS_PER_SECOND } from './connection-flood';

const sh = (script: string) => ['sh', '-c', script];

describe('per-line connection loops', () => {
  it('reads host, port, protocol and pace from the loop', () => {
    expect(floodLoop(sh('while true; do echo "$(date) audit" | nc -w1 log-collector.logging 5140; sleep 0.01; done'))).toEqual({ host: 'log-collector.logging', port: 5140, protocol: 'tcp', perSecond: 100 });
    expect(floodLoop(sh('while :; do echo x | nc -u -w 1 10.96.0.20 514; sleep 0.5; done'))).toEqual({ host: '10.96.0.20', port: 514, protocol: 'udp', perSecond: 2 });
  });

  it('bounds a loop without a sleep at the pace a shell forks nc', () => {
    expect(floodLoop(sh('while true; do echo x | nc logs 5140; done'))?.perSecond).toBe(MAX_FLOOD_CONNECTIONS_PER_SECOND);
  });

  it('is not a loop piped into one nc (one socket), nor a loop slower than one a second, nor no loop', () => {
    expect(floodLoop(sh('while true; do echo x; sleep 0.01; done | nc logs 5140'))).toBeUndefined();
    expect(floodLoop(sh('while true; do echo x | nc logs 5140; sleep 5; done'))).toBeUndefined();
    expect(floodLoop(sh('echo x | nc logs 5140'))).toBeUndefined();
    expect(floodLoop(['nc', 'logs', '5140'])).toBeUndefined();
  });

  it('floods only from a running container, from when it started', () => {
    const pod = (phase: string) => ({
      metadata: { name: 'fwd' },
      spec: { containers: [{ name: 'f', command: sh('while true; do echo x | nc logs 5140; sleep 0.1; done') }] },
      status: { phase, containerStatuses: [{ name: 'f', restartCount: 0, state: { running: { startedAt: '2026-01-05T09:00:00Z' } } }] },
    });
    expect(connectionFloods(pod('Running'))).toEqual([{ container: 'f', host: 'logs', port: 5140, protocol: 'tcp', perSecond: 10, startedAtMs: Date.parse('2026-01-05T09:00:00Z') }]);
    expect(connectionFloods(pod('Pending'))).toEqual([]);
  });
});
