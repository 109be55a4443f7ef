// Expected outputs: GNU coreutils 9.4 date(1) in the C locale and TZ=UTC (default format
// "%a %b %e %H:%M:%S %Z %Y", -I/--iso-8601 with "+00:00", -R "+0000"); BusyBox 1.37
// coreutils/date.c (same default and -I formats, no --iso-8601 long option).
import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';

describe('date', () => {
  it('prints the simulation clock in GNU date\'s formats', async () => {
    const sim = createSimulation({ seed: 1 });
    expect((await sim.exec('date')).stdout).toBe('Mon Jan  5 09:00:00 UTC 2026\n');
    expect((await sim.exec('date -u -Iseconds; date --iso-8601; date -R')).stdout).toBe('2026-01-05T09:00:00+00:00\n2026-01-05\nMon, 05 Jan 2026 09:00:00 +0000\n');
    expect((await sim.exec("date '+%Y-%m-%d %H:%M:%S %s %A %B %-d %_H|%j %%'")).stdout).toBe('2026-01-05 09:00:00 1767603600 Monday January 5  9|005 %\n');
    expect((await sim.exec('date --rfc-3339=seconds; date -d @0 +%F')).stdout).toBe('2026-01-05 09:00:00+00:00\n1970-01-01\n');
    await sim.exec('sleep 90');
    expect((await sim.exec('date +%T')).stdout).toBe('09:01:30\n');
  });

  it('rejects bad options and formats as coreutils, and refuses to set the clock', async () => {
    const sim = createSimulation({ seed: 1 });
    expect(await sim.exec('date -x')).toMatchObject({ exitCode: 1, stderr: "date: invalid option -- 'x'\nTry 'date --help' for more information.\n" });
    expect(await sim.exec('date +%F +%T')).toMatchObject({ exitCode: 1, stderr: "date: multiple output formats specified\nTry 'date --help' for more information.\n" });
    expect(await sim.exec('date -d yesterday-ish')).toMatchObject({ exitCode: 1, stderr: 'date: invalid date ‘yesterday-ish’\n' });
    expect((await sim.exec('date -s 2020-01-01')).exitCode).toBe(1);
  });

  it('is BusyBox date in a busybox pod', async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec('kubectl run bb --image=busybox -- sleep infinity');
    settle(sim);
    expect((await sim.exec('kubectl exec bb -- date -Iseconds')).stdout).toMatch(/^2026-01-05T09:\d\d:\d\d\+00:00\n$/);
    const long = await sim.exec('kubectl exec bb -- date --iso-8601');
    expect(long.stderr).toContain("date: unrecognized option '--iso-8601'\nBusyBox v1.37.0");
  });
});
