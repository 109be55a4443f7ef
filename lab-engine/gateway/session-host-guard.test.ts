// The gateway trusts nothing a session host sends (the host runs learners' commands): a batch
// that is not an array of well-formed events, that carries an output piece over
// MAX_HOST_OUTPUT_CHARS, or that holds more than MAX_HOST_EVENTS_PER_BATCH events is dropped
// whole, logged, and the session hears only what is well formed. The host there is a stand-in
// script, so the test controls exactly what crosses the pipe. The real host keeps within those
// bounds: a paused session's output, however long, reaches the gateway whole once resumed.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_HOST_EVENTS_PER_BATCH, MAX_HOST_OUTPUT_CHARS } from '../protocol';
import { SessionHostPool } from './session-host-pool';
import { labshCommand } from './labsh-command';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SESSION = '<session>';

/** A host that answers a session's `open` with the messages in `file` (its id put in), then idles. */
const ROGUE_HOST = `
const messages = JSON.parse(require('node:fs').readFileSync(process.argv[1], 'utf8'));
process.on('message', (commands) => {
  for (const c of commands) if (c.type === 'open') for (const m of messages) process.send(JSON.parse(JSON.stringify(m).replaceAll(${JSON.stringify(SESSION)}, c.session)));
});
process.on('disconnect', () => process.exit(0));`;

describe('messages from a session host', () => {
  let pool: SessionHostPool | null = null;
  const dir = mkdtempSync(join(tmpdir(), 'flatnet-rogue-host-'));
  afterEach(async () => {
    await pool?.close();
    pool = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('are dropped whole when malformed, oversized or too many, and what is well formed still arrives', async () => {
    const session = SESSION;
    const messages = [
      { type: 'output', session, data: 'lone event, not a batch' },
      [{ type: 'output', session, data: 'fine' }, { type: 'output', session: 7, data: 'bad id' }],
      [{ type: 'output', session, data: 'z'.repeat(MAX_HOST_OUTPUT_CHARS + 1) }],
      Array.from({ length: MAX_HOST_EVENTS_PER_BATCH + 1 }, () => ({ type: 'output', session, data: 'q' })),
      [{ type: 'output', session, data: 'well formed' }, { type: 'exit', session, exitCode: 0 }],
    ];
    const file = join(dir, 'messages.json');
    writeFileSync(file, JSON.stringify(messages));
    const logs: string[] = [];
    pool = new SessionHostPool({ command: { file: process.execPath, args: ['-e', ROGUE_HOST, file] }, cwd: root, contentDir: join(root, 'content'), log: (m) => logs.push(m) });
    const output: string[] = [];
    const exit = await new Promise<{ exitCode: number }>((resolve) => {
      pool!.start({
        labId: 'pod-network-basics',
        seed: 1,
        snapshot: null,
        cols: 80,
        rows: 24,
        onOutput: (data) => output.push(data),
        onMessage: () => undefined,
        onExit: resolve,
      });
    });
    expect(output).toEqual(['well formed']);
    expect(exit.exitCode).toBe(0);
    expect(logs.filter((l) => /dropped a malformed message/.test(l))).toHaveLength(4);
  });

  it('from the real host stay within them: output held while paused arrives whole on resume', async () => {
    const logs: string[] = [];
    const command = labshCommand(root, { sandbox: 'off' });
    pool = new SessionHostPool({ command: { file: command.file, args: command.hostArgs! }, cwd: root, contentDir: join(root, 'content'), log: (m) => logs.push(m) });
    let output = '';
    let ready!: () => void;
    const isReady = new Promise<void>((resolve) => (ready = resolve));
    const child = pool.start({
      labId: 'pod-network-basics',
      seed: 1,
      snapshot: null,
      cols: 80,
      rows: 24,
      onOutput: (data) => (output += data),
      onMessage: (message) => {
        if (message.type === 'shell' && message.state === 'prompt') ready();
      },
      onExit: () => undefined,
    });
    await isReady;
    // About 170 K characters, more than two of the pieces a batch may carry, all written while
    // paused (the keys go first: a paused session's keys wait too, as on a stopped tty).
    child.write('seq 1 30000\r');
    child.pause();
    await new Promise((r) => setTimeout(r, 3000));
    expect(output).not.toMatch(/^30000\r$/m);
    child.resume();
    for (let waited = 0; waited < 10_000 && !/^30000\r$/m.test(output); waited += 100) await new Promise((r) => setTimeout(r, 100));
    expect(output).toMatch(/^1\r\n2\r\n3\r$/m);
    expect(output).toMatch(/^29999\r\n30000\r$/m);
    expect(logs.filter((l) => /malformed/.test(l))).toEqual([]);
    child.dispose();
  }, 60_000);
});
