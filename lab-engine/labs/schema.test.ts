// Every folder in testdata/bad is a broken lab; expected.txt holds the exact errors an author
// sees (as `labctl lint` prints them, relative to testdata/bad). Regenerate with
// UPDATE_FIXTURES=1 after an intended wording change, and read the diff.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, tryLoadLab } from './loader';
import { CHECK_KINDS, LabSchema, TopologySchema } from './schema';
import { allowedKeys, describeIssues, formatPath } from './schema-issues';

const badDir = join(import.meta.dirname, 'testdata', 'bad');
const update = process.env.UPDATE_FIXTURES === '1';

describe('lab.yaml errors (testdata/bad)', () => {
  for (const name of readdirSync(badDir).sort()) {
    it(name, async () => {
      const result = await tryLoadLab(join(badDir, name));
      expect(result.ok).toBe(false);
      const text = result.ok ? '' : result.issues.map((issue) => formatIssue(issue, badDir)).join('\n') + '\n';
      const expectedFile = join(badDir, name, 'expected.txt');
      if (update) writeFileSync(expectedFile, text);
      expect(text).toBe(readFileSync(expectedFile, 'utf8'));
    });
  }
});

describe('the schema', () => {
  it('knows exactly the check kinds the grader implements', () => {
    expect(CHECK_KINDS).toEqual(['resource', 'reachability', 'dns', 'http']);
  });

  it('applies defaults: topology calico/iptables, initially fail, empty setup, hints and mutations', () => {
    const lab = LabSchema.parse({
      id: 'l',
      title: 'L',
      module: 'm',
      steps: [{ id: 's', title: 'S', text: 's.mdx', checks: [{ id: 'c', title: 'C', kind: 'resource', resource: 'pods', name: 'web', jsonPath: '{.status.phase}', equals: 'Running' }] }],
      solution: 'kubectl run web --image=nginx',
    });
    expect(lab.topology).toEqual({ cni: 'calico', proxyMode: 'iptables' });
    expect(lab.setup).toBe('');
    expect(lab.mutations).toEqual([]);
    expect(lab.steps[0].hints).toEqual([]);
    expect(lab.steps[0].checks[0].initially).toBe('fail');
    const check = lab.steps[0].checks[0];
    expect(check.kind === 'resource' && check.namespace).toBeFalsy();
  });

  it.each([
    ['/a', true],
    ['/lab/app.yaml', true],
    ['/lab/.hidden', true],
    ['lab/app.yaml', false],
    ['/lab/', false],
    ['/lab/../etc/passwd', false],
    ['/lab/./x', false],
    ['/..', false],
  ])('file path %s is accepted: %s', (path, ok) => {
    const result = LabSchema.shape.files.safeParse({ [path]: 'x' });
    expect(result.success).toBe(ok);
  });

  it('names fields the way an author reads them', () => {
    expect(formatPath(['steps', 0, 'checks', 2, 'kind'])).toBe('steps[0].checks[2].kind');
    expect(formatPath(['files', '/lab/app.yaml'])).toBe('files["/lab/app.yaml"]');
    expect(formatPath([])).toBe('(top level)');
  });

  it('lists the fields allowed where an unknown one appears, following the check kind', () => {
    const raw = { steps: [{ checks: [{ kind: 'resource' }] }] };
    expect(allowedKeys(['steps', 0, 'checks', 0], raw)).toEqual(['id', 'title', 'initially', 'kind', 'resource', 'namespace', 'name', 'jsonPath', 'equals', 'matches', 'exists']);
    expect(allowedKeys(['topology'], {})).toEqual(['cni', 'proxyMode', 'ipipMode', 'flannelBackend', 'ingress', 'loadBalancerPool']);
    expect(allowedKeys([], {})).toEqual(['id', 'title', 'module', 'topology', 'seed', 'files', 'setup', 'steps', 'solution', 'mutations']);
  });

  it('rejects unknown fields in every object, with a suggestion', () => {
    const raw = { id: 'l', title: 'L', module: 'm', topology: { cni: 'flannel', proxymode: 'ipvs' }, steps: [], solution: 'x' };
    const parsed = LabSchema.safeParse(raw);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(describeIssues(parsed.error.issues, raw)).toEqual([
      { path: ['topology', 'proxymode'], message: 'unknown field "proxymode". Did you mean "proxyMode"?' },
      { path: ['steps'], message: 'a lab needs at least one step' },
    ]);
  });
});

describe('topology', () => {
  it('takes each CNI with its own routing setting, and leaves them unset by default', () => {
    expect(TopologySchema.parse({ cni: 'calico', ipipMode: 'Never' })).toEqual({ cni: 'calico', proxyMode: 'iptables', ipipMode: 'Never' });
    expect(TopologySchema.parse({ cni: 'flannel', flannelBackend: 'host-gw' })).toEqual({ cni: 'flannel', proxyMode: 'iptables', flannelBackend: 'host-gw' });
    expect(TopologySchema.parse({ cni: 'kubenet' })).toEqual({ cni: 'kubenet', proxyMode: 'iptables' });
    expect(TopologySchema.parse({})).toEqual({ cni: 'calico', proxyMode: 'iptables' });
  });

  it.each([
    [{ cni: 'flannel', ipipMode: 'Always' }, ['ipipMode'], 'set cni: calico'],
    [{ ipipMode: 'Never', flannelBackend: 'vxlan' }, ['flannelBackend'], 'set cni: flannel'],
    [{ cni: 'kubenet', ipipMode: 'Never', flannelBackend: 'host-gw' }, ['ipipMode', 'flannelBackend'], 'this topology uses kubenet'],
  ])('refuses %j, naming the field', (topology, fields, fix) => {
    const parsed = TopologySchema.safeParse(topology);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(parsed.error.issues.map((i) => i.path.join('.'))).toEqual(fields);
    expect(parsed.error.issues.at(-1)?.message).toContain(fix);
  });
});
