// Every folder in testdata/bad is a broken lab; expected.txt holds the exact errors an author
// sees (as `labctl lint` prints them, relative to testdata/bad). Regenerate with
// UPDATE_FIXTURES=1 after an intended wording change, and read the diff.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, tryLoadLab } from './loader';
import { AnswerCheckSchema, CHECK_KINDS, CommandCheckSchema, LabSchema, TopologySchema } from './schema';
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
    expect(CHECK_KINDS).toEqual(['resource', 'reachability', 'dns', 'http', 'command', 'answer', 'load']);
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

  describe('a lesson sandbox (sandbox: true)', () => {
    const check = (initially?: string) => ({ id: 'c', title: 'C', kind: 'resource', resource: 'pods', name: 'web', jsonPath: '{.status.phase}', equals: 'Running', ...(initially ? { initially } : {}) });
    const sandbox = (overrides: Record<string, unknown> = {}) => ({ id: 'l', title: 'L', module: 'm', sandbox: true, setup: 'kubectl run web --image=nginx', steps: [{ id: 's', title: 'S', text: 's.mdx', checks: [check('pass')] }], ...overrides });
    const problems = (raw: unknown) => {
      const parsed = LabSchema.safeParse(raw);
      return parsed.success ? [] : parsed.error.issues.map((i) => `${formatPath(i.path as (string | number)[])}: ${i.message}`);
    };

    it('needs no solution, hints or mutations when its checks all pass at setup', () => {
      const lab = LabSchema.parse(sandbox());
      expect(lab.sandbox).toBe(true);
      expect(lab.solution).toBeUndefined();
    });

    it('refuses a solution, mutations, hints, and a check not marked initially: pass', () => {
      expect(problems(sandbox({ solution: 'kubectl run db --image=postgres' }))).toEqual(['solution: a sandbox lab has nothing to solve: remove solution, or remove sandbox: true']);
      expect(problems(sandbox({ mutations: [{ name: 'x', script: 'true', mustFail: ['c'] }] }))).toEqual(['mutations: a sandbox lab is never graded, so it has no near misses: remove mutations']);
      expect(problems(sandbox({ steps: [{ id: 's', title: 'S', text: 's.mdx', checks: [check('pass')], hints: ['look'] }] }))).toEqual(['steps[0].hints: a sandbox lab has no hints: remove them']);
      expect(problems(sandbox({ steps: [{ id: 's', title: 'S', text: 's.mdx', checks: [check()] }] }))).toEqual([
        "steps[0].checks[0].initially: a sandbox lab's checks say its cluster is healthy right after setup: mark each initially: pass",
      ]);
    });

    it('still requires a solution of every other lab, reported with the other problems', () => {
      const { sandbox: _, ...lab } = sandbox();
      expect(problems(lab)).toEqual(['solution: required field is missing (expected a string)']);
      expect(problems({ ...lab, title: 7 })).toContain('solution: required field is missing (expected a string)');
    });
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
    expect(allowedKeys(['topology'], {})).toEqual(['cni', 'proxyMode', 'ipipMode', 'flannelBackend', 'ingress', 'loadBalancerPool', 'interconnect']);
    expect(allowedKeys([], {})).toEqual(['id', 'title', 'module', 'topology', 'seed', 'files', 'setup', 'steps', 'solution', 'mutations', 'sandbox', 'variables']);
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

describe('command and answer checks', () => {
  const base = { id: 'c', title: 'C' };
  const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues.map((i) => i.message) ?? [];

  it('default a command to the workstation and accept a node or a pod', () => {
    expect(CommandCheckSchema.parse({ ...base, kind: 'command', run: 'true', expect: { exitCode: 0 } }).on).toBe('workstation');
    expect(CommandCheckSchema.parse({ ...base, kind: 'command', run: 'iptables-save', on: { node: 'node-2' }, expect: { matches: 'KUBE-SVC' } }).on).toEqual({ node: 'node-2' });
    expect(CommandCheckSchema.parse({ ...base, kind: 'command', run: 'ip addr', on: { namespace: 'shop', selector: 'app=web' }, expect: { notMatches: 'eth1' } }).on).toEqual({ namespace: 'shop', selector: 'app=web' });
  });

  it('explain a command check that cannot grade anything, a bad pattern or a bad place', () => {
    expect(messages(CommandCheckSchema.safeParse({ ...base, kind: 'command', run: 'true', expect: {} }))).toEqual(['expect needs at least one of matches, notMatches or exitCode']);
    expect(messages(CommandCheckSchema.safeParse({ ...base, kind: 'command', run: 'true', expect: { matches: 'a(' } }))[0]).toMatch(/^matches is not a valid regular expression/);
    expect(messages(CommandCheckSchema.safeParse({ ...base, kind: 'command', run: ' ', expect: { exitCode: 0 } }))).toEqual(['run must be a command line, e.g. "iptables-save -t nat"']);
    expect(messages(CommandCheckSchema.safeParse({ ...base, kind: 'command', run: 'true', on: 'node-2', expect: { exitCode: 0 } }))).toEqual([
      'on must be "workstation", { node: node-2 } or a pod such as { namespace: shop, selector: app=web }',
    ]);
  });

  it('take exactly one source of truth for an answer, with what it needs', () => {
    const answer = (expected: unknown) => AnswerCheckSchema.safeParse({ ...base, kind: 'answer', question: 'Which port?', expected });
    expect(answer({ run: 'ss -ltnH', pick: ':(\\d+)' }).success).toBe(true);
    expect(answer({ resource: 'pods', selector: 'app=web', jsonPath: '{.spec.nodeName}' }).success).toBe(true);
    expect(messages(answer({}))).toEqual(['expected needs exactly one of value, resource (with jsonPath) or run (a command whose output is the truth)']);
    expect(messages(answer({ value: '80', run: 'true' }))).toEqual(['expected needs exactly one of value, resource (with jsonPath) or run (a command whose output is the truth)']);
    expect(messages(answer({ resource: 'pods', jsonPath: '{.spec.nodeName}' }))).toEqual(['a resource truth needs exactly one of name or selector']);
    expect(messages(answer({ resource: 'pods', name: 'web' }))).toEqual(['a resource truth needs a jsonPath, e.g. "{.spec.nodeName}"']);
    expect(messages(answer({ value: '80', pick: '\\d+' }))).toEqual(['on and pick only go with run']);
    expect(messages(AnswerCheckSchema.safeParse({ ...base, kind: 'answer', question: ' ', expected: { value: 1 } }))).toEqual(['a question must not be empty']);
  });
});
