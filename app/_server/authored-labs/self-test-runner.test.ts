// The editor's self-test runs labctl in a child process on a temporary copy of the draft: the real
// labctl proves the scaffold (and fails a broken one with its phase), a child that hangs is killed
// at the timeout, output that is not a report is a failure, and no server path reaches the report.

import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { scaffoldLab } from '../../../lab-engine/labs/lab-scaffold';
import { defaultSelfTestCommand, runSelfTest, type SelfTestCommand } from './self-test-runner';

const fake = (script: string, timeoutMs = 10_000): SelfTestCommand => ({ file: process.execPath, args: ['-e', script], cwd: process.cwd(), timeoutMs });

describe('runSelfTest', { timeout: 180_000 }, () => {
  it('proves the scaffold with the real labctl, and reports a lab whose solution does nothing as failed', async () => {
    const files = scaffoldLab({ id: 'runner-scaffold', title: 'Runner test', module: 'services' });
    const good = await runSelfTest('runner-scaffold', files, defaultSelfTestCommand());
    expect(good.passed).toBe(true);
    expect(good.report).toMatchObject({ id: 'runner-scaffold', passed: true, failures: [] });

    const broken = { ...files, 'lab.yaml': files['lab.yaml'].replace(/solution: \|\n[\s\S]*?\n\n/, 'solution: |\n  echo nothing\n\n') };
    const failed = await runSelfTest('runner-scaffold', broken, defaultSelfTestCommand());
    expect(failed.passed).toBe(false);
    expect(JSON.stringify(failed.report)).toMatch(/"phase":"solved"/);
  });

  it('keeps the server temp folder out of the report and removes it afterwards', async () => {
    const scratchDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith('flatnet-selftest-'));
    const before = scratchDirs();
    let seenDir = '';
    const result = await runSelfTest(
      'lab-x',
      { 'lab.yaml': 'id: lab-x\n' },
      fake(`const dir = process.argv[1]; console.log(JSON.stringify({ labs: [{ id: 'lab-x', passed: true, file: dir + '/lab.yaml', dir }] }))`),
    ).then((r) => {
      seenDir = JSON.stringify(r.report);
      return r;
    });
    expect(result.passed).toBe(true);
    expect(seenDir).not.toContain(tmpdir());
    expect(result.report).toMatchObject({ file: 'lab.yaml' });
    expect(scratchDirs()).toEqual(before);
  });

  it('kills a child that runs past the timeout, and fails on output that is no report', async () => {
    const slow = await runSelfTest('lab-x', { 'lab.yaml': 'id: lab-x\n' }, fake('setInterval(() => {}, 1000)', 300));
    expect(slow).toMatchObject({ passed: false, report: { error: expect.stringMatching(/took longer/) } });
    const garbage = await runSelfTest('lab-x', { 'lab.yaml': 'id: lab-x\n' }, fake('console.log("hello")'));
    expect(garbage).toMatchObject({ passed: false, report: { error: 'The self-test could not run.' } });
    const exitOne = await runSelfTest('lab-x', { 'lab.yaml': 'id: lab-x\n' }, fake('console.log(JSON.stringify({ labs: [{ passed: true }] })); process.exitCode = 1'));
    expect(exitOne.passed).toBe(false);
  });
});
