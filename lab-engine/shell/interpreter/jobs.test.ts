// Background jobs in a terminal, as bash shows them: `[1] PID` on start, `jobs`, `fg` (Ctrl-C
// stops the job), `kill %N`, and the `[1]+  Done` / `Terminated` notice before the next prompt.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import { canRunInBackground } from './job-table';

function terminalSim() {
  const sim = createSimulation({ seed: 1 });
  let screen = '';
  const terminal = { columns: 80, rows: 24, write: (text: string) => { screen += text; } };
  const exec = (line: string, signal?: AbortSignal) => sim.exec(line, { terminal, onOutput: (t) => { screen += t; }, ...(signal ? { signal } : {}) });
  return { sim, exec, screen: () => screen, clear: () => { screen = ''; } };
}

describe('background jobs', () => {
  it('a capture in the background prints as traffic passes; -c ends it and bash reports Done at the next prompt', async () => {
    const t = terminalSim();
    await t.exec('kubectl run client --image=nicolaka/netshoot --command -- sleep infinity');
    settle(t.sim);
    await t.exec('kubectl exec -it client -- bash');
    const started = await t.exec('tcpdump -ni eth0 -c 2 icmp &');
    expect(started.stderr).toMatch(/^\[1\] \d+\n$/);
    expect((await t.exec('jobs')).stdout).toBe('[1]+  Running                 tcpdump -ni eth0 -c 2 icmp &\n');
    t.clear();
    const ping = await t.exec('ping -c 1 172.18.0.3');
    expect(t.screen()).toMatch(/IP 10\.244\.\d+\.\d+ > 172\.18\.0\.3: ICMP echo request, id \d+, seq 1, length 64\r\n/);
    expect(t.screen()).toContain('2 packets captured\r\n2 packets received by filter\r\n0 packets dropped by kernel\r\n');
    expect(ping.stderr).toBe('[1]+  Done                    tcpdump -ni eth0 -c 2 icmp\n');
    expect((await t.exec('jobs')).stdout).toBe('');
  });

  it('fg brings the job back; Ctrl-C stops it with tcpdump\'s blank line and statistics', async () => {
    const t = terminalSim();
    await t.exec('ssh node-1');
    await t.exec('tcpdump -ni any port 80 &');
    const controller = new AbortController();
    const fg = t.exec('fg', controller.signal);
    await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const r = await fg;
    expect(r.stdout).toBe('tcpdump -ni any port 80\n');
    expect(r.exitCode).toBe(130);
    expect(t.screen()).toContain('\r\n0 packets captured\r\n');
    expect((await t.exec('jobs')).stdout).toBe('');
  });

  it('kill %N terminates a job; unknown jobs and commands that cannot run in the background are refused', async () => {
    const t = terminalSim();
    await t.exec('ssh node-1');
    await t.exec('tcpdump -ni any &');
    await t.exec('tcpdump -ni eth0 &');
    expect((await t.exec('jobs')).stdout).toBe('[1]-  Running                 tcpdump -ni any &\n[2]+  Running                 tcpdump -ni eth0 &\n');
    const killed = await t.exec('kill %1');
    expect(killed.exitCode).toBe(0);
    expect(killed.stderr).toBe('[1]-  Terminated              tcpdump -ni any\n');
    expect((await t.exec('kill %7')).stderr).toBe('bash: kill: %7: no such job\n');
    expect((await t.exec('kill 99999')).stderr).toBe('bash: kill: (99999) - No such process\n');
    expect((await t.exec('fg %5')).stderr).toBe('bash: fg: %5: no such job\n');
    const sleepBg = await t.exec('sleep 10 &');
    expect(sleepBg.exitCode).toBe(1);
    expect(sleepBg.stderr).toBe('bash: only tcpdump and kubectl port-forward can run in the background (&) in this terminal\n');
    expect((await t.exec('exit')).exitCode).toBe(0);
    expect((await t.exec('tcpdump &')).stderr).toBe('bash: tcpdump: command not found\n');
  });

  it('in a script, jobs end with the script, printing what they captured', async () => {
    const sim = createSimulation({ seed: 1 });
    const r = await sim.exec('ssh node-1\ntcpdump -ni eth0 -t icmp &\nping -c 1 172.18.0.4\nexit');
    expect(r.combined).toMatch(/IP 172\.18\.0\.3 > 172\.18\.0\.4: ICMP echo request, id \d+, seq 1, length 64\nIP 172\.18\.0\.4 > 172\.18\.0\.3: ICMP echo reply, id \d+, seq 1, length 64\n/);
    expect(r.combined).toContain('\n2 packets captured\n');
    expect(r.combined).not.toContain('[1]');
  });

  it('finds port-forward after kubectl flags that take a value, as kubectl -n shop port-forward', () => {
    expect(canRunInBackground(['kubectl', '-n', 'shop', 'port-forward', 'svc/shop', '8080:80'])).toBe(true);
    expect(canRunInBackground(['kubectl', '--namespace', 'shop', 'port-forward', 'svc/shop', '8080:80'])).toBe(true);
    expect(canRunInBackground(['kubectl', '--namespace=shop', 'port-forward', 'svc/shop', '8080:80'])).toBe(true);
    expect(canRunInBackground(['kubectl', '-n', 'port-forward', 'get', 'pods'])).toBe(false);
    expect(canRunInBackground(['kubectl', 'get', 'pods'])).toBe(false);
  });
});
