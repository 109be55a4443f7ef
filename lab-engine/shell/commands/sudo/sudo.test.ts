import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../simulation/simulation';

async function run(line: string) {
  return createSimulation({ seed: 1 }).exec(line);
}

describe('sudo', () => {
  it('runs the command with its arguments and stdin', async () => {
    expect(await run("sudo echo 'a  b' c")).toMatchObject({ stdout: 'a  b c\n', exitCode: 0 });
    expect(await run('echo hi | sudo tee out.txt >/dev/null; cat out.txt')).toMatchObject({ stdout: 'hi\n' });
    expect(await run('sudo -E false')).toMatchObject({ exitCode: 1 });
  });

  it('runs the node tools from a node shell', async () => {
    const r = await run('ssh node-1 sudo iptables -t nat -L KUBE-SERVICES -n');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Chain KUBE-SERVICES \(2 references\)\ntarget +prot opt source +destination/);
  });

  it('says when the program does not exist where it runs', async () => {
    expect(await run('sudo iptables -L')).toMatchObject({ exitCode: 1, stdout: '', stderr: 'sudo: iptables: command not found\n' });
  });

  it('rejects unknown options and a missing command with the usage', async () => {
    const bad = await run('sudo -z ls');
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/^sudo: invalid option -- 'z'\nusage: sudo -h \| -K \| -k \| -V\n/);
    expect((await run('sudo')).stderr).toMatch(/^usage: sudo -h \| -K \| -k \| -V\n/);
    expect(await run('sudo -u nobody-here ls')).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('sudo: unknown user nobody-here\n') });
  });
});
