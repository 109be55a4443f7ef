// `ipset` and `iptables-save` on an IPVS-mode node of the default topology (control-plane, where the
// CoreDNS pods run, so KUBE-LOOP-BACK has members). The goldens in testdata/ were reviewed line by
// line against pkg/proxy/ipvs/proxier.go writeIptablesRules (rule text and order) and against real
// `ipset list` captures (kubernetes/kube-proxy#13, labring/sealos#2108: field order, no comments on
// kube-proxy's sets). Regenerate deliberately with `UPDATE_GOLDEN=1 npx vitest run
// lab-engine/shell/commands/ipset`, then review the diff; never regenerate silently.

import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

async function ipvsNode() {
  const sim = createSimulation({ seed: 1, topology: { proxyMode: 'ipvs' } });
  settle(sim);
  return (line: string) => sim.exec(`ssh control-plane ${line}`);
}

function golden(name: string, actual: string): void {
  const url = new URL(`./testdata/${name}`, import.meta.url);
  if (UPDATE) writeFileSync(url, actual);
  expect(actual).toBe(readFileSync(url, 'utf8'));
}

describe('ipset on an IPVS node', () => {
  it('ipset list: the seventeen sets kube-proxy creates, then Calico Felix\'s, matches the golden', async () => {
    const run = await ipvsNode();
    const r = await run('ipset list');
    expect(r.exitCode).toBe(0);
    golden('control-plane.ipset-list', r.stdout);
  });

  it('iptables-save on the same node matches the golden', async () => {
    const run = await ipvsNode();
    golden('control-plane.iptables-save', (await run('iptables-save')).stdout);
  });

  it('one set, as ipset 7 prints it: no comment extension, references counted from the iptables rules', async () => {
    const run = await ipvsNode();
    const r = await run('ipset list KUBE-CLUSTER-IP');
    expect(r.stdout).toMatch(/^Name: KUBE-CLUSTER-IP\nType: hash:ip,port\nRevision: 7\nHeader: family inet hashsize 1024 maxelem 65536 bucketsize 12 initval 0x[0-9a-f]{8}\nSize in memory: \d+\nReferences: 3\nNumber of entries: 4\nMembers:\n10\.96\.0\.1,tcp:443\n10\.96\.0\.10,tcp:53\n10\.96\.0\.10,tcp:9153\n10\.96\.0\.10,udp:53\n$/);
    expect((await run('ipset -L KUBE-NODE-PORT-TCP')).stdout).toMatch(/^Name: KUBE-NODE-PORT-TCP\nType: bitmap:port\nRevision: 3\nHeader: range 0-65535\nSize in memory: 8264\nReferences: 0\nNumber of entries: 0\nMembers:\n$/);
    expect((await run('ipset list KUBE-LOOP-BACK')).stdout).toContain('References: 1\nNumber of entries: 6\nMembers:\n10.244.0.2,tcp:53,10.244.0.2\n');
  });

  it('-n lists names, -t drops the members, save prints create/add lines', async () => {
    const run = await ipvsNode();
    const names = (await run('ipset list -n')).stdout.split('\n');
    expect(names.slice(0, 3)).toEqual(['KUBE-LOOP-BACK', 'KUBE-CLUSTER-IP', 'KUBE-EXTERNAL-IP']);
    // kube-proxy's seventeen, then Felix's four (the default CNI is Calico: hosts, pools, masq pools, this-host), and the final newline.
    expect(names).toHaveLength(22);
    expect((await run('ipset -name list')).stdout).toBe((await run('ipset list -n')).stdout);
    const terse = (await run('ipset -t list KUBE-IPVS-IPS')).stdout;
    expect(terse).toMatch(/^Name: KUBE-IPVS-IPS\nType: hash:ip\nRevision: 6\nHeader: .*\nSize in memory: \d+\nReferences: 1\nNumber of entries: 2\n$/);
    const save = (await run('ipset save KUBE-CLUSTER-IP')).stdout;
    expect(save).toMatch(/^create KUBE-CLUSTER-IP hash:ip,port family inet hashsize 1024 maxelem 65536 bucketsize 12 initval 0x[0-9a-f]{8}\nadd KUBE-CLUSTER-IP 10\.96\.0\.1,tcp:443\n/);
    expect((await run('ipset list -o save KUBE-CLUSTER-IP')).stdout).toBe(save);
  });

  it('errors as ipset prints them', async () => {
    const run = await ipvsNode();
    const missing = await run('ipset list NOPE');
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^ipset v7\.19: The set with the given name does not exist\n/);
    expect(missing.exitCode).toBe(1);
    expect((await run('ipset bogus')).stderr).toContain("ipset v7.19: No command specified: unknown argument bogus\nTry `ipset help' for more information.\n");
    expect((await run('ipset list KUBE-CLUSTER-IP extra')).stderr).toContain('ipset v7.19: Unknown argument extra\n');
    expect((await run('ipset')).stderr).toContain('ipset v7.19: No command specified.\n');
    expect((await run('ipset -o')).stderr).toContain('ipset v7.19: Missing mandatory argument to option -o\n');
    expect((await run('ipset flush KUBE-CLUSTER-IP')).exitCode).toBe(1);
    expect((await run('ipset version')).stdout).toBe('ipset v7.19, protocol version: 7\n');
    expect((await run('ipset --help')).stdout).toContain('list [SETNAME]\n        List the entries of a named set or all sets\n');
  });

  it('is not on the workstation', async () => {
    const sim = createSimulation({ seed: 1, topology: { proxyMode: 'ipvs' } });
    expect(await sim.exec('ipset list')).toMatchObject({ exitCode: 127 });
  });
});
