import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distinctSeeds, labVariables, substituteVariables } from './lab-variables';
import { instantiateLab } from './lab-instance';
import { loadLab, tryLoadLabFiles, type Lab } from './loader';
import { readLabFolder } from './lab-files';
import { selfTestLab } from './self-test';
import { fakeDeps, type FakeSimulation } from './labs-test-kit';

const varsLab = join(import.meta.dirname, 'testdata', 'variables', 'vars-lab');
const variables = { app: { oneOf: ['web', 'api', 'shop', 'cart'] }, port: { range: [8000, 8999] as [number, number] } };

describe('lab variables', () => {
  it('draws each variable from the seed, the same every time, within what it declares', () => {
    const draws = Array.from({ length: 40 }, (_, seed) => labVariables({ variables }, seed));
    expect(labVariables({ variables }, 5)).toEqual(draws[5]);
    for (const draw of draws) {
      expect(variables.app.oneOf).toContain(draw.app);
      expect(Number(draw.port)).toBeGreaterThanOrEqual(8000);
      expect(Number(draw.port)).toBeLessThanOrEqual(8999);
    }
    expect(new Set(draws.map((d) => d.app)).size).toBe(4);
    expect(new Set(draws.map((d) => d.port)).size).toBeGreaterThan(30);
    // Declaring another variable does not move the draws of the others.
    expect(labVariables({ variables: { ...variables, zone: { oneOf: ['a', 'b'] } } }, 5)).toMatchObject(draws[5]);
  });

  it('substitutes known names only, and leaves Go templates alone', () => {
    expect(substituteVariables('kubectl -n {{ns}} get svc {{ name }} -o go-template={{.spec.clusterIP}} {{other}}', { ns: 'shop', name: 'api' })).toBe(
      'kubectl -n shop get svc api -o go-template={{.spec.clusterIP}} {{other}}',
    );
  });

  it('finds distinct draws for the self-test, as many as exist', () => {
    const seeds = distinctSeeds({ variables }, 3);
    expect(seeds).toHaveLength(3);
    expect(new Set(seeds.map((seed) => JSON.stringify(labVariables({ variables }, seed)))).size).toBe(3);
    expect(distinctSeeds({ variables: { only: { oneOf: ['a', 'b'] } } }, 3)).toHaveLength(2);
  });
});

describe('instantiateLab', () => {
  it('puts one learner\'s values in setup, solution, mutations, checks, hints, step titles and files', async () => {
    const lab = await loadLab(varsLab);
    const seed = distinctSeeds(lab, 3).find((s) => labVariables(lab, s).app !== lab.instance?.values.app) ?? 0;
    const { app, port } = labVariables(lab, seed);
    const mine = instantiateLab(lab, seed);
    expect(mine.instance).toEqual({ seed, values: { app, port } });
    expect(mine.steps[0].title).toBe(`Start ${app}`);
    expect(mine.steps[0].checks[0]).toMatchObject({ title: `${app} is Running`, name: app });
    expect(mine.steps[0].hints[1]).toBe(`kubectl run ${app} --image=nginx`);
    expect(mine.solution).toBe(`kubectl run ${app} --image=nginx`);
    expect(mine.mutations[0].script).toBe(`kubectl run ${app} --image=nginx:bad`);
    expect(mine.files).toEqual({ '/etc/motd': `serve ${app} on ${port}\n`, '/lab/app.yaml': `name: ${app}\nport: ${port}\n` });
    expect(mine.steps[0].textPath).toBe(lab.steps[0].textPath);
    // Back to the loader's draw: the very lab the loader made.
    expect(instantiateLab(mine, 1)).toEqual(lab);
    const plain = await loadLab(join(import.meta.dirname, 'testdata', 'content', 'labs', 'files-lab'));
    expect(instantiateLab(plain, 9)).toBe(plain);
  });

  it('makes a whole-string {{port}} of a range variable a number, so numeric fields vary too', async () => {
    const files = await readLabFolder(varsLab);
    files['lab.yaml'] = files['lab.yaml'].replace(
      '    hints:',
      '      - { id: reach, title: reach, kind: reachability, from: { pod: client }, to: { service: "{{app}}", port: "{{port}}" }, expect: allowed }\n    hints:',
    );
    const result = await tryLoadLabFiles('vars-lab', files);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const check = instantiateLab(result.lab, 7).steps[0].checks[1];
    expect(check.kind === 'reachability' && check.to).toEqual({ service: labVariables(result.lab, 7).app, port: Number(labVariables(result.lab, 7).port) });
  });

  it('reports an unknown {{name}} at its line, in lab.yaml, a step text or a file, and an unquoted one', async () => {
    const files = await readLabFolder(varsLab);
    files['lab.yaml'] = files['lab.yaml'].replace('solution: kubectl run {{app}}', 'solution: kubectl run {{name}}');
    files['steps/01-start.mdx'] += '\nThen ask {{owner}}.\n';
    files['files/app.yaml'] = 'replicas: {{count}}\n';
    const result = await tryLoadLabFiles('vars-lab', files);
    if (result.ok) throw new Error('expected issues');
    const declared = 'the lab declares app, port';
    expect(result.issues).toEqual([
      { file: 'lab.yaml', path: 'solution', line: 26, column: 1, message: `unknown variable "{{name}}" (${declared}); declare it under variables:, e.g. name: { oneOf: [a, b] }` },
      { file: 'files/app.yaml', path: '(top level)', line: 1, column: 11, message: `unknown variable "{{count}}" (${declared}); declare it under variables:, e.g. count: { oneOf: [a, b] }` },
      { file: 'steps/01-start.mdx', path: '(top level)', line: 3, column: 10, message: `unknown variable "{{owner}}" (${declared}); declare it under variables:, e.g. owner: { oneOf: [a, b] }` },
    ]);
    const unquoted = await tryLoadLabFiles('vars-lab', { ...(await readLabFolder(varsLab)), 'lab.yaml': files['lab.yaml'].replace('name: "{{app}}"', 'name: {{app}}') });
    expect(unquoted.ok === false && unquoted.issues[0]).toMatchObject({ path: 'steps[0].checks[0].name', line: 20, message: 'write "{{app}}" in quotes: unquoted, YAML reads {{app}} as a mapping' });
  });
});

describe('selfTestLab on a lab with variables', () => {
  it('runs the lab for three learners\' draws and reports each phase by seed', async () => {
    const lab = await loadLab(varsLab);
    const created: FakeSimulation[] = [];
    const report = await selfTestLab(lab, fakeDeps(created));
    expect(report.passed).toBe(true);
    expect(report.seeds).toEqual(distinctSeeds(lab, 3));
    const apps = report.seeds.map((seed) => labVariables(lab, seed).app);
    expect(created.map((sim) => sim.commands)).toEqual(apps.flatMap((app) => [[`kubectl run ${app} --image=nginx`], [`kubectl run ${app} --image=nginx:bad`]]));
    // The cluster's seed stays the lab's: only the values differ between learners.
    expect(new Set(created.map((sim) => sim.options.seed))).toEqual(new Set([1]));
    const first = report.seeds[0];
    expect(report.phases.filter((p) => p.seed === first).map((p) => [p.phase, p.mutation, p.ok, p.checks.map((c) => [c.id, c.passed])])).toEqual([
      ['setup', undefined, true, []],
      ['initial', undefined, true, [['app-running', false]]],
      ['solution', undefined, true, []],
      ['solved', undefined, true, [['app-running', true]]],
      ['mutation', 'bad-image', true, [['app-running', false]]],
    ]);
    expect(report.phases.find((p) => p.phase === 'solved')?.checks[0].message).toBe(`pod default/${apps[0]}: {.status.phase} is "Running"`);
  });

  it('names the seed and values of a draw that fails', async () => {
    const lab = await loadLab(varsLab);
    const broken: Lab = { ...lab, instance: undefined, template: { ...lab.template!, data: { ...lab.template!.data, solution: 'kubectl run web --image=nginx' } } };
    const seeds = distinctSeeds(lab, 4);
    const report = await selfTestLab(broken, fakeDeps(), { seeds });
    expect(report.passed).toBe(false);
    const failing = seeds.filter((seed) => labVariables(lab, seed).app !== 'web');
    expect(report.failures.map((f) => f.seed)).toEqual(failing);
    const { app, port } = labVariables(lab, failing[0]);
    expect(report.failures[0].message).toBe(`seed ${failing[0]} (app=${app}, port=${port}): after the solution, check app-running fails: ${report.phases.find((p) => p.phase === 'solved' && !p.ok)?.checks[0].message}`);
    expect(report.phases.filter((p) => !p.ok).map((p) => [p.phase, p.seed])).toEqual(failing.map((seed) => ['solved', seed]));
  });
});
