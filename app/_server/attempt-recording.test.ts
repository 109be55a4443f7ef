// Recording and reading back an attempt's terminal, on a temporary database: batches are capped
// with a stop marker, old recordings are pruned by the retention setting, a check's verdict
// writes an event only when it is new or changed, and the replay gives times from the start.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingStoppedMarker } from '../../lab-engine/gateway';

const scratch = mkdtempSync(join(tmpdir(), 'flatnet-recording-'));
process.env.DATABASE_URL = `file:${join(scratch, 'recording.db')}`;

const { getDb, disconnectDb } = await import('./db');
const { recordTerminalOutput, recordTerminalOutputs, pruneRecordings } = await import('./attempt-recording');
const { recordCheckResults, recordCommand } = await import('./attempts');
const { loadReplay, replayUpdatesSince } = await import('./attempt-replay');
const { PrismaAttemptStore } = await import('./prisma-attempt-store');
const { startRecordingPruner } = await import('./recording-pruner');
const { recordingSettingsFromEnv } = await import('./recording-settings');

const START = new Date('2026-12-01T10:00:00Z');
const at = (ms: number) => new Date(START.getTime() + ms);

async function newAttempt(id: string): Promise<void> {
  await getDb().attempt.create({ data: { id, userId: 'u-rita', labId: 'pod-network-basics', seed: 1, openLabId: id, createdAt: START } });
}

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/db-setup.mjs'], {
    env: { ...process.env, FLATNET_INSTRUCTOR_EMAIL: '', FLATNET_INSTRUCTOR_PASSWORD: '' },
    stdio: 'pipe',
  });
  await getDb().user.create({ data: { id: 'u-rita', email: 'rita@example.com', name: 'Rita' } });
});

afterAll(async () => {
  await disconnectDb();
  rmSync(scratch, { recursive: true, force: true });
});

describe('recording terminal output', () => {
  it('records batches up to the cap, then the stop marker once, then nothing; the attempt keeps its updatedAt', async () => {
    await newAttempt('a-cap');
    const before = (await getDb().attempt.findUniqueOrThrow({ where: { id: 'a-cap' } })).updatedAt;
    expect(await recordTerminalOutput('a-cap', '$ kubectl get pods\r\n', at(1000), 30)).toBe(true);
    expect(await recordTerminalOutput('a-cap', 'No resources found in default namespace.\r\n', at(2000), 30)).toBe(false);
    expect(await recordTerminalOutput('a-cap', 'more', at(3000), 30)).toBe(false);
    const chunks = await getDb().terminalChunk.findMany({ where: { attemptId: 'a-cap' }, orderBy: { id: 'asc' } });
    expect(chunks.map((chunk) => chunk.data)).toEqual(['$ kubectl get pods\r\n', 'No resourc', recordingStoppedMarker(30)]);
    const attempt = await getDb().attempt.findUniqueOrThrow({ where: { id: 'a-cap' } });
    expect(attempt.recordedBytes).toBe(chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk.data), 0));
    expect(attempt.updatedAt).toEqual(before);
  });

  it('refuses output for an attempt that does not exist', async () => {
    expect(await recordTerminalOutput('a-none', 'x', at(0), 100)).toBe(false);
  });

  it('goes through the store port, in order, with the cap it was given', async () => {
    await newAttempt('a-store');
    const store = new PrismaAttemptStore({ log: () => undefined }, { maxBytes: 10 });
    const answers = [];
    for (const [i, data] of ['aaaa', 'bbbb', 'cccc', 'dddd'].entries()) answers.push(await store.recordOutputs([{ attemptId: 'a-store', data, at: at(i) }]));
    expect(answers).toEqual([[], [], ['a-store'], ['a-store']]);
    const chunks = await getDb().terminalChunk.findMany({ where: { attemptId: 'a-store' }, orderBy: { id: 'asc' } });
    expect(chunks.map((chunk) => chunk.data)).toEqual(['aaaa', 'bbbb', 'cc', recordingStoppedMarker(10)]);
  });

  it('writes many attempts in one batch, each under its own cap, and names the full and the gone', async () => {
    await newAttempt('a-one');
    await newAttempt('a-two');
    await recordTerminalOutput('a-two', '12345678', at(0), 10);
    const full = await recordTerminalOutputs([
      { attemptId: 'a-one', data: 'ls\r\n', at: at(100) },
      { attemptId: 'a-none', data: 'lost', at: at(100) },
      { attemptId: 'a-two', data: '9abc', at: at(200) },
    ], 10);
    expect(full.sort()).toEqual(['a-none', 'a-two'].sort());
    const text = async (attemptId: string) => (await getDb().terminalChunk.findMany({ where: { attemptId }, orderBy: { id: 'asc' } })).map((chunk) => chunk.data);
    expect(await text('a-one')).toEqual(['ls\r\n']);
    expect(await text('a-two')).toEqual(['12345678', '9a', recordingStoppedMarker(10)]);
    const rows = await getDb().attempt.findMany({ where: { id: { in: ['a-one', 'a-two'] } }, orderBy: { id: 'asc' } });
    for (const row of rows) {
      const stored = await text(row.id);
      expect(row.recordedBytes).toBe(stored.reduce((sum, chunk) => sum + Buffer.byteLength(chunk), 0));
    }
    expect(await getDb().terminalChunk.count({ where: { attemptId: 'a-none' } })).toBe(0);
  });

  it("stores a batch's times as the same text Prisma writes, so pruning compares like with like", async () => {
    await newAttempt('a-time');
    const when = new Date('2026-12-07T23:32:48.058Z');
    await getDb().terminalChunk.create({ data: { attemptId: 'a-time', data: 'by prisma', at: when } });
    await recordTerminalOutputs([{ attemptId: 'a-time', data: 'by batch', at: when }], 1000);
    const rows = await getDb().$queryRaw<Array<{ data: string; text: string }>>`SELECT data, at || '' AS text FROM terminal_chunk WHERE attemptId = 'a-time' ORDER BY id`;
    expect(rows.map((row) => row.data)).toEqual(['by prisma', 'by batch']);
    expect(rows[1]!.text).toBe(rows[0]!.text);
    const read = await getDb().terminalChunk.findMany({ where: { attemptId: 'a-time' } });
    expect(read.map((chunk) => chunk.at.getTime())).toEqual([when.getTime(), when.getTime()]);
  });

  it('prunes chunks older than the retention, and keeps everything at 0', async () => {
    await newAttempt('a-old');
    await recordTerminalOutput('a-old', 'ancient', new Date('2026-10-01T00:00:00Z'), 1000);
    await recordTerminalOutput('a-old', 'recent', new Date('2026-11-30T00:00:00Z'), 1000);
    const now = new Date('2026-12-07T00:00:00Z');
    expect(await pruneRecordings(now, 0)).toBe(0);
    expect(await pruneRecordings(now, 30)).toBeGreaterThanOrEqual(1);
    const left = await getDb().terminalChunk.findMany({ where: { attemptId: 'a-old' } });
    expect(left.map((chunk) => chunk.data)).toEqual(['recent']);
  });

  it('prunes once when the server starts', async () => {
    await newAttempt('a-start');
    await recordTerminalOutput('a-start', 'stale', new Date('2026-01-01T00:00:00Z'), 1000);
    const logs: string[] = [];
    const pruner = startRecordingPruner({ retentionDays: 30, log: (m) => logs.push(m), now: () => new Date('2026-12-07T00:00:00Z') });
    await pruner.ran;
    pruner.dispose();
    expect(await getDb().terminalChunk.count({ where: { attemptId: 'a-start' } })).toBe(0);
    expect(logs.join('\n')).toMatch(/pruned \d+ recorded terminal chunks older than 30 days/);
  });
});

describe('check events', () => {
  it('writes an event when a verdict is new or changes, not when it is re-evaluated the same', async () => {
    await newAttempt('a-checks');
    const verdict = (checkId: string, passed: boolean) => ({ checkId, passed, feedbackId: passed ? 'ok' : `${checkId}.fails`, params: {}, reason: '' });
    await recordCheckResults('a-checks', [verdict('pod-ip', false), verdict('route', false)]);
    await recordCheckResults('a-checks', [verdict('pod-ip', false), verdict('route', false)]);
    await recordCheckResults('a-checks', [verdict('pod-ip', true), verdict('route', false)]);
    await recordCheckResults('a-checks', [verdict('pod-ip', true), verdict('route', false)]);
    await recordCheckResults('a-checks', [verdict('pod-ip', false), verdict('route', true)]);
    const events = await getDb().checkEvent.findMany({ where: { attemptId: 'a-checks' }, orderBy: { id: 'asc' } });
    expect(events.map((event) => `${event.checkId}:${event.passed}`)).toEqual([
      'pod-ip:false',
      'route:false',
      'pod-ip:true',
      'pod-ip:false',
      'route:true',
    ]);
  });
});

describe('loadReplay', () => {
  it('gives the lab, the learner, and chunks, commands and check events with times from the start', async () => {
    await newAttempt('a-replay');
    await recordTerminalOutput('a-replay', '$ ', at(500), 1000);
    await recordTerminalOutput('a-replay', 'kubectl get pods\r\n', at(4000), 1000);
    await recordCommand('a-replay', 'kubectl get pods', 0);
    await recordCheckResults('a-replay', [{ checkId: 'pod-ip', passed: true, feedbackId: 'ok', params: {}, reason: '' }]);
    const replay = await loadReplay('a-replay');
    expect(replay).not.toBeNull();
    expect(replay?.labId).toBe('pod-network-basics');
    expect(replay?.labTitle).not.toBe('');
    expect(replay?.learnerName).toBe('Rita');
    expect(replay?.chunks.map((chunk) => [chunk.t, chunk.data])).toEqual([
      [500, '$ '],
      [4000, 'kubectl get pods\r\n'],
    ]);
    expect(replay?.commands.map((command) => [command.line, command.exitCode])).toEqual([['kubectl get pods', 0]]);
    expect(replay?.checks.map((check) => [check.checkId, check.passed])).toEqual([['pod-ip', true]]);
    // Commands and checks were stamped now, long after START: the timeline reaches them.
    expect(replay?.durationMs).toBeGreaterThan(4000);
    expect(await loadReplay('a-missing')).toBeNull();
  });

  it('gives a live watcher only what came after its cursor', async () => {
    const replay = await loadReplay('a-replay');
    const cursor = { chunkId: replay?.chunks[0]?.id ?? 0, commandId: replay?.commands.at(-1)?.id ?? 0, checkEventId: 0 };
    const updates = await replayUpdatesSince('a-replay', cursor);
    expect(updates?.chunks.map((chunk) => chunk.data)).toEqual(['kubectl get pods\r\n']);
    expect(updates?.commands).toEqual([]);
    expect(updates?.checks.map((check) => check.checkId)).toEqual(['pod-ip']);
  });
});

describe('recording settings', () => {
  it('defaults to 1 MiB and 30 days, reads whole numbers, and refuses anything else by name', () => {
    expect(recordingSettingsFromEnv({})).toEqual({ maxBytes: 1024 * 1024, retentionDays: 30 });
    expect(recordingSettingsFromEnv({ FLATNET_RECORDING_MAX_BYTES: '4096', FLATNET_RECORDING_RETENTION_DAYS: '0' })).toEqual({
      maxBytes: 4096,
      retentionDays: 0,
    });
    expect(() => recordingSettingsFromEnv({ FLATNET_RECORDING_MAX_BYTES: '1MB' })).toThrow(/FLATNET_RECORDING_MAX_BYTES/);
    expect(() => recordingSettingsFromEnv({ FLATNET_RECORDING_MAX_BYTES: '0' })).toThrow(/at least 1/);
    expect(() => recordingSettingsFromEnv({ FLATNET_RECORDING_RETENTION_DAYS: '-1' })).toThrow(/FLATNET_RECORDING_RETENTION_DAYS/);
  });
});
