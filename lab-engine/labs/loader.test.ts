import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabLoadError, allChecks, listLabDirs, loadAllLabs, loadLab, loadLabById, tryLoadLab } from './loader';

const testContent = join(import.meta.dirname, 'testdata', 'content');
const repoContent = resolve(import.meta.dirname, '..', '..', 'content');

describe('loader', () => {
  it('loads a lab with defaults applied, step texts resolved and files merged', async () => {
    const lab = await loadLabById(testContent, 'files-lab');
    const dir = join(testContent, 'labs', 'files-lab');
    expect(lab.id).toBe('files-lab');
    expect(lab.dir).toBe(dir);
    expect(lab.file).toBe(join(dir, 'lab.yaml'));
    expect(lab.topology).toEqual({ cni: 'calico', proxyMode: 'iptables' });
    expect(lab.seed).toBeUndefined();
    expect(lab.steps[0].textPath).toBe(join(dir, 'steps', '01-start.mdx'));
    expect(lab.files).toEqual({
      '/etc/motd': 'welcome\n',
      '/lab/app.yaml': 'apiVersion: v1\nkind: Pod\n',
      '/lab/manifests/svc.yaml': 'kind: Service\n',
    });
    expect(allChecks(lab).map(({ step, check }) => `${step.id}/${check.id}`)).toEqual(['start/web-running', 'start/no-db']);
    const [check] = lab.steps[0].checks;
    // The union narrows on kind: no casts needed to read a resource check's fields.
    if (check.kind === 'resource') expect([check.resource, check.name, check.equals]).toEqual(['pods', 'web', 'Running']);
  });

  it('loads the course\'s first lab', async () => {
    const lab = await loadLabById(repoContent, 'pod-network-basics');
    expect(lab.module).toBe('pod-network');
    expect(lab.steps.map((s) => s.id)).toEqual(['nodes', 'run-web', 'pod-ip']);
    expect(allChecks(lab).map(({ check }) => check.id)).toContain('web-running');
    expect(lab.mutations.map((m) => m.name)).toEqual(['image-typo', 'wrong-name', 'exits-at-once', 'runs-but-serves-nothing', 'web-server-on-another-port']);
  });

  it('accepts a lab folder or its lab.yaml', async () => {
    const dir = join(testContent, 'labs', 'files-lab');
    expect((await loadLab(join(dir, 'lab.yaml'))).id).toBe('files-lab');
    expect((await loadLab(dir)).id).toBe('files-lab');
  });

  it('lists and loads every lab of a content folder', async () => {
    expect(await listLabDirs(testContent)).toEqual([join(testContent, 'labs', 'files-lab')]);
    expect((await loadAllLabs(testContent)).map((lab) => lab.id)).toEqual(['files-lab']);
    expect((await loadAllLabs(repoContent)).map((lab) => lab.id)).toContain('pod-network-basics');
    expect(await listLabDirs(join(testContent, 'nowhere'))).toEqual([]);
  });

  it('throws LabLoadError carrying every issue, with file, field and line', async () => {
    const error = await loadLab(join(import.meta.dirname, 'testdata', 'bad', 'unknown-kind')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabLoadError);
    if (!(error instanceof LabLoadError)) return;
    expect(error.issues).toHaveLength(3);
    expect(error.issues[0]).toEqual({
      file: join(import.meta.dirname, 'testdata', 'bad', 'unknown-kind', 'lab.yaml'),
      path: 'steps[0].checks[0].expect',
      message: 'required field is missing (expected a mapping of fields)',
      line: 9,
      column: 9,
    });
    expect(error.message.split('\n')).toHaveLength(3);
  });

  it('loadAllLabs fails if any lab is broken, naming every problem', async () => {
    const content = await mkdtemp(join(tmpdir(), 'flatnet-labs-'));
    try {
      await cp(join(testContent, 'labs', 'files-lab'), join(content, 'labs', 'files-lab'), { recursive: true });
      await cp(join(import.meta.dirname, 'testdata', 'bad', 'unknown-kind'), join(content, 'labs', 'unknown-kind'), { recursive: true });
      const error = await loadAllLabs(content).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LabLoadError);
      if (error instanceof LabLoadError) expect(error.issues.map((i) => i.path)).toEqual(['steps[0].checks[0].expect', 'steps[0].checks[1].kind', 'steps[0].checks[2].kind']);
    } finally {
      await rm(content, { recursive: true, force: true });
    }
  });

  it('refuses ids that could leave content/labs, and reports a missing lab plainly', async () => {
    await expect(loadLabById(testContent, '../bad')).rejects.toThrow('"../bad" is not a lab id (lowercase letters, digits and dashes)');
    const missing = await tryLoadLab(join(testContent, 'labs', 'no-such-lab'));
    expect(missing).toMatchObject({ ok: false, id: 'no-such-lab', issues: [{ path: '(top level)', message: expect.stringContaining('no lab.yaml here') }] });
  });
});
