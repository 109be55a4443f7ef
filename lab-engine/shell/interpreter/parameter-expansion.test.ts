// `${...}` operators, checked against what bash 5 prints for the same lines (the values below are
// bash's own output for these inputs).

import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../simulation/simulation';
import { globToRegex, removeAffix, replaceGlob, substring } from './parameter-expansion';

async function sh(line: string) {
  return createSimulation({ seed: 1 }).exec(line);
}

describe('parameter expansion', () => {
  it('cuts an IP and a pod name apart', async () => {
    const r = await sh('V=10.244.1.5; echo "${V%.*} ${V##*.} ${#V} ${V#*.} ${V%%.*}"; N=web-5499899bd6-dtl9q; echo ${N%-*-*} ${N/web/api} ${N//-/_} ${N:0:3} ${N: -5}');
    expect(r.stdout).toBe('10.244.1 5 10 244.1.5 10\nweb api-5499899bd6-dtl9q web_5499899bd6_dtl9q web dtl9q\n');
  });

  it('defaults, assignment and alternatives, with and without the colon', async () => {
    const r = await sh('E=; echo "[${U:-d}] [${E:-d}] [${E-d}] [${U+s}] [${E+s}] [${E:+s}]"; echo ${X:=a}; echo $X');
    expect(r.stdout).toBe('[d] [d] [] [] [s] []\na\na\n');
  });

  it('${V:?msg} stops the command with status 1', async () => {
    const r = await sh('echo ${Q:?need Q}; echo "after $?"');
    expect(r.stderr).toBe('bash: Q: need Q\n');
    expect(r.stdout).toBe('after 1\n');
  });

  it('an unknown operator is a bad substitution', async () => {
    const r = await sh('echo ${V.x}');
    expect(r.stderr).toBe('bash: ${V.x}: bad substitution\n');
    expect(r.exitCode).not.toBe(0);
  });

  it('operator words expand variables', async () => {
    const r = await sh('D=fallback; P=1.5; V=10.244.1.5; echo ${U:-$D} ${V%$P}');
    expect(r.stdout).toBe('fallback 10.244.\n');
  });

  it('globs: shortest and longest affixes, classes, anchored replace', () => {
    expect(globToRegex('a*[0-9]?.')).toBe('a[\\s\\S]*[0-9][\\s\\S]\\.');
    expect(removeAffix('a.b.c', '*.', 'prefix', false)).toBe('b.c');
    expect(removeAffix('a.b.c', '*.', 'prefix', true)).toBe('c');
    expect(removeAffix('a.b.c', '.*', 'suffix', false)).toBe('a.b');
    expect(removeAffix('a.b.c', '.*', 'suffix', true)).toBe('a');
    expect(replaceGlob('aXbXc', 'X', '-', 'all')).toBe('a-b-c');
    expect(replaceGlob('aXbXc', 'a', '-', 'end')).toBe('aXbXc');
    expect(substring('kubernetes', -3, undefined)).toBe('tes');
    expect(substring('kubernetes', 2, -2)).toBe('bernet');
  });
});
