// Session hosts (FLATNET_SESSION_HOST=worker): the real labsh, started as the server starts it,
// runs several learners' sessions in one host process, each on a thread of its own; keys, output,
// checks and snapshots travel as they do for a labsh process; one session killed (a runaway) is
// resumed from its snapshot while its neighbour on the same host keeps typing; a host that dies
// takes only its own sessions, which resume on a new host.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTerminal, startGatewayKit, type GatewayKit, type TestTerminal } from './gateway-test-kit';
import { labshCommand } from './labsh-command';
import { sessionHostFromEnv } from './lab-child';
import { statCpuMs } from './cpu-watchdog';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PROMPT = /\$ $/;
const lab = 'pod-network-basics';
const attempts = ['one', 'two', 'three', 'four'].map((id, i) => ({ id, userId: 'alice', labId: lab, seed: i + 1 }));

function threadsOf(pid: number): number {
  return readdirSync(`/proc/${pid}/task`).length;
}

describe('FLATNET_SESSION_HOST', () => {
  it('defaults to worker and rejects unknown values', () => {
    expect(sessionHostFromEnv(undefined)).toBe('worker');
    expect(sessionHostFromEnv('process')).toBe('process');
    expect(() => sessionHostFromEnv('threads')).toThrow(/worker or process/);
  });
});

describe('sessions on a session host', () => {
  let kit: GatewayKit;
  const headers = () => ({ origin: kit.url, cookie: 'session=alice-token' });
  const open = async (id: string): Promise<TestTerminal> => {
    const t = await openTerminal(kit.url, id, headers());
    await t.waitFor(PROMPT, 30_000);
    return t;
  };

  beforeAll(async () => {
    kit = await startGatewayKit(attempts, { 'alice-token': 'alice' }, {
      command: labshCommand(root, { sandbox: 'off' }),
      contentDir: join(root, 'content'),
      sessionHost: 'worker',
    });
  });
  afterAll(async () => kit?.close());

  it('runs two sessions in one host process, each on its own thread, with their own clusters and screens', async () => {
    const one = await open('one');
    const two = await open('two');
    const a = kit.sessions.get('one')!;
    const b = kit.sessions.get('two')!;
    expect(a.pid).toBe(b.pid);
    expect(a.pid).not.toBe(process.pid);
    expect(readFileSync(`/proc/${a.pid}/cmdline`, 'utf8').split('\0')).toContain('--host');
    // The host's main thread, the two sessions' threads, warm threads and node's own helpers.
    expect(threadsOf(a.pid!)).toBeGreaterThanOrEqual(3);

    one.type('kubectl create deployment only-in-one --image=nginx\r');
    await one.waitFor(/deployment.apps\/only-in-one created\n[\s\S]*\$ $/);
    two.type('kubectl get deploy only-in-one\r');
    await two.waitFor(/Error from server \(NotFound\): deployments.apps "only-in-one" not found\n[\s\S]*\$ $/);
    // A pty's output processing: every line ends \r\n on the wire, as from a labsh process.
    expect(one.output()).toContain('created\n');
    expect(one.events.some((e) => e.type === 'checks')).toBe(true);
    expect(one.events.filter((e) => e.type === 'shell').at(-1)).toMatchObject({ state: 'prompt' });
    one.ws.close();
    two.ws.close();
  });

  it('line editing, Ctrl-C and Tab work on the virtual terminal', async () => {
    const t = await open('three');
    t.type('kubectl get nodse');
    await t.waitFor(/nodse$/);
    t.type('\x7f\x7f\x7fdes\r'); // Backspace ×3, then the right ending
    await t.waitFor(/node-1\s+Ready[\s\S]*\$ $/);
    t.type('sleep 30\r');
    await new Promise((r) => setTimeout(r, 300));
    t.type('\x03');
    await t.waitFor(/\^C\n[\s\S]*\$ $/, 5000);
    t.type('kubectl descr\t');
    await t.waitFor(/kubectl describe $/);
    t.type('\x15');
    t.ws.close();
  });

  it('reports each session thread\'s CPU for the watchdog; a killed session resumes from its snapshot while its neighbour types on', async () => {
    const victim = await open('one');
    const neighbour = await open('two');
    const session = kit.sessions.get('one')!;
    const pid = session.pid!;
    // The thread's own CPU time, not the host's: the watchdog reads /proc/<pid>/task/<tid>/stat.
    const child = (session as unknown as { process: { cpuStatPath(): string | null } }).process;
    const statPath = child.cpuStatPath();
    expect(statPath).toMatch(new RegExp(`^/proc/${pid}/task/\\d+/stat$`));
    expect(statCpuMs(statPath)).toBeGreaterThanOrEqual(0);

    session.killProcessForTest();
    await victim.waitFor(/resuming from your last snapshot[\s\S]*\$ $/, 30_000);
    neighbour.type('echo still here\r');
    await neighbour.waitFor(/still here\n[\s\S]*\$ $/);
    // The deployment created before the kill survived it (snapshot), and the host did not restart.
    victim.type('kubectl get deploy only-in-one -o name\r');
    await victim.waitFor(/deployment.apps\/only-in-one\n[\s\S]*\$ $/);
    expect(kit.sessions.get('one')!.pid).toBe(pid);
    victim.ws.close();
    neighbour.ws.close();
  });

  it('a host that dies takes only its sessions, which resume on a new host', async () => {
    const t = await open('four');
    const pid = kit.sessions.get('four')!.pid!;
    process.kill(pid, 'SIGKILL');
    await t.waitFor(/resuming from your last snapshot[\s\S]*\$ $/, 30_000);
    const now = kit.sessions.get('four')!.pid!;
    expect(now).not.toBe(pid);
    t.type('kubectl get nodes\r');
    await t.waitFor(/node-1\s+Ready[\s\S]*\$ $/);
    t.ws.close();
  });
});
