import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';
import { parseFlags } from './flags';
import { suggestCommands } from './suggestions';

async function kubectl(line: string, setup: string[] = []) {
  const sim = createSimulation({ seed: 1 });
  for (const s of setup) await sim.exec(s);
  settle(sim);
  return sim.exec(line);
}

describe('kubectl dispatcher', () => {
  it('accepts global flags before the verb', async () => {
    const r = await kubectl('kubectl -n kube-system get pods --no-headers');
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(13);
  });

  it('prints --help on stdout with exit 0 for every verb', async () => {
    for (const verb of ['get', 'run', 'delete', 'version']) {
      const r = await kubectl(`kubectl ${verb} --help`);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toMatch(/\nUsage:\n {2}kubectl /);
      expect(r.stderr).toBe('');
    }
    expect((await kubectl('kubectl')).stdout).toMatch(/^kubectl controls the Kubernetes cluster manager\./);
  });

  it('says plainly when a real verb or flag is not modelled yet', async () => {
    // top and --sort-by are modelled now (issue 15); cp and -L stand for what is not.
    expect(await kubectl('kubectl cp a b')).toMatchObject({ exitCode: 1, stderr: 'error: kubectl cp is not available in this simulated cluster yet\n' });
    expect((await kubectl('kubectl get pods -L app')).stderr).toBe('error: the --label-columns flag is not available in this simulated cluster yet\n');
    expect((await kubectl('kubectl get pvc')).stderr).toMatch(/does not serve "pvc" yet/);
  });

  it('prints objects as kubectl -o json / yaml / name do', async () => {
    const setup = ['kubectl run web --image=nginx'];
    const json = JSON.parse((await kubectl('kubectl get pod web -o json', setup)).stdout);
    expect(Object.keys(json)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    expect(json.metadata.labels).toEqual({ run: 'web' });
    expect(json.spec.containers[0].imagePullPolicy).toBe('Always');
    const yaml = (await kubectl('kubectl get pod web -o yaml', setup)).stdout;
    expect(yaml).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n {2}creationTimestamp: "2026-01-05T09:00:00Z"\n/);
    expect(yaml).toMatch(/\n {2}containers:\n {2}- image: nginx\n/);
    expect((await kubectl('kubectl get nodes -o name')).stdout).toBe('node/control-plane\nnode/node-1\nnode/node-2\n');
    const list = JSON.parse((await kubectl('kubectl get pods -o json')).stdout);
    expect(list).toEqual({ apiVersion: 'v1', items: [], kind: 'List', metadata: { resourceVersion: '' } });
  });

  it('filters with -l and deletes by selector', async () => {
    const setup = ['kubectl run a --image=nginx -l app=x', 'kubectl run b --image=nginx -l app=y'];
    expect((await kubectl('kubectl get pods -l app=x -o name', setup)).stdout).toBe('pod/a\n');
    expect((await kubectl('kubectl delete pods -l app=y', setup)).stdout).toBe('pod "b" deleted from default namespace\n');
    expect((await kubectl('kubectl delete pods -l app=none', setup)).stdout).toBe('No resources found\n');
    expect((await kubectl('kubectl delete pod', setup)).stderr).toBe('error: resource(s) were provided, but no name was specified\n');
  });

  it('reports a missing pod after printing the found ones', async () => {
    const r = await kubectl('kubectl get pods web nope', ['kubectl run web --image=nginx']);
    expect(r.exitCode).toBe(1);
    expect(r.combined).toMatch(/^NAME {3}READY.*\nweb .*\nError from server \(NotFound\): pods "nope" not found\n$/);
  });

  it('prints the version it imitates', async () => {
    expect((await kubectl('kubectl version')).stdout).toBe('Client Version: v1.34.2\nKustomize Version: v5.7.1\nServer Version: v1.34.2\n');
  });
});

describe('parseFlags (pflag rules)', () => {
  const specs = [
    { name: 'namespace', short: 'n', kind: 'string' as const },
    { name: 'all-namespaces', short: 'A', kind: 'bool' as const },
    { name: 'grace-period', kind: 'int' as const },
  ];
  it('takes every spelling of a value', () => {
    for (const argv of [['-n', 'x'], ['-nx'], ['-n=x'], ['--namespace', 'x'], ['--namespace=x']]) {
      const r = parseFlags(argv, specs);
      expect(r.ok && r.args.flags.get('namespace'), argv.join(' ')).toBe('x');
    }
  });
  it('words errors like pflag', () => {
    expect(parseFlags(['--nope'], specs)).toEqual({ ok: false, error: 'unknown flag: --nope' });
    expect(parseFlags(['-Az'], specs)).toEqual({ ok: false, error: "unknown shorthand flag: 'z' in -Az" });
    expect(parseFlags(['-n'], specs)).toEqual({ ok: false, error: "flag needs an argument: 'n' in -n" });
    expect(parseFlags(['--grace-period=x'], specs)).toEqual({ ok: false, error: 'invalid argument "x" for "--grace-period" flag: strconv.ParseInt: parsing "x": invalid syntax' });
  });
});

describe('suggestCommands', () => {
  it('matches a real capture: `kubectl ge` suggests set, get, cp', () => {
    expect(suggestCommands('ge')).toEqual(['set', 'get', 'cp']);
    expect(suggestCommands('rm')).toContain('delete');
  });
});
