// dmesg on a node: the kernel's conntrack lines with printk's seconds since boot, or ctime stamps
// with -T; -l filters by level, -C clears; unknown options are util-linux's errors.

import { describe, expect, it } from 'vitest';
import { emptyKernelLog, logTableFull } from '../../../dataplane/conntrack/kernel-log';
import { createSimulation } from '../../../simulation/simulation';
import { ctimeStamp, monotonicStamp, runDmesg } from './dmesg';

const BOOT = Date.parse('2026-01-05T09:00:00Z');

function logged() {
  const log = emptyKernelLog();
  logTableFull(log, BOOT + 1_234_567, 12, 1_000);
  return log;
}

describe('dmesg', () => {
  it('stamps lines as printk does, seconds since boot padded to five columns', () => {
    expect(monotonicStamp(1_234_567)).toBe(' 1234.567000');
    expect(monotonicStamp(5)).toBe('    0.005000');
    expect(ctimeStamp(Date.parse('2026-01-05T09:03:04Z'))).toBe('Mon Jan  5 09:03:04 2026');
    const r = runDmesg([], { log: logged(), bootMs: BOOT });
    expect(r.stdout.split('\n')[0]).toBe('[ 1234.567000] nf_conntrack: nf_conntrack: table full, dropping packet');
    expect(r.stdout.split('\n')).toHaveLength(11);
  });

  it('prints wall-clock stamps with -T, none with -t, and filters by level', () => {
    const k = { log: logged(), bootMs: BOOT };
    expect(runDmesg(['-T'], k).stdout.split('\n')[0]).toBe('[Mon Jan  5 09:20:34 2026] nf_conntrack: nf_conntrack: table full, dropping packet');
    expect(runDmesg(['-t'], k).stdout.split('\n')[0]).toBe('nf_conntrack: nf_conntrack: table full, dropping packet');
    expect(runDmesg(['-l', 'err'], k).stdout).toBe('');
    expect(runDmesg(['--level=warn,err'], k).stdout).not.toBe('');
    expect(runDmesg(['-l', 'loud'], k)).toMatchObject({ stderr: "dmesg: unknown level 'loud'\n", exitCode: 1 });
  });

  it('clears with -C, prints then clears with -c, and refuses options it does not know', () => {
    const k = { log: logged(), bootMs: BOOT };
    expect(runDmesg(['-c'], k).stdout).not.toBe('');
    expect(runDmesg([], k).stdout).toBe('');
    expect(runDmesg(['-z'], k)).toMatchObject({ stderr: "dmesg: invalid option -- 'z'\nTry 'dmesg --help' for more information.\n", exitCode: 1 });
    expect(runDmesg(['-w'], k).exitCode).toBe(1);
    expect(runDmesg(['--help'], k).stdout).toContain(' -T, --ctime ');
  });

  it('is a node program: empty on a quiet node, not on the workstation', async () => {
    const sim = createSimulation({ seed: 1 });
    expect(await sim.exec('ssh node-1 dmesg')).toMatchObject({ stdout: '', exitCode: 0 });
    expect((await sim.exec('dmesg')).exitCode).toBe(127);
  });
});
