import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabLoadError, allChecks, listLabDirs, loadAllLabs, loadLab, loadLabById, tryLoadLab, tryLoadLabFiles } from './loader';
import { readLabFolder } from './lab-files';

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

  it('loads a lab given as data exactly as from its folder, with paths inside the lab', async () => {
    const dir = join(testContent, 'labs', 'files-lab');
    const files = await readLabFolder(dir);
    const fromData = await tryLoadLabFiles('files-lab', files);
    const fromFolder = await loadLab(dir);
    if (!fromData.ok) throw new Error(JSON.stringify(fromData.issues));
    expect(fromData.lab.dir).toBe('');
    expect(fromData.lab.file).toBe('lab.yaml');
    expect(fromData.lab.steps[0].textPath).toBe('steps/01-start.mdx');
    const strip = ({ dir: _d, file: _f, steps, ...rest }: typeof fromFolder) => ({ ...rest, steps: steps.map(({ textPath: _t, ...step }) => step) });
    expect(strip(fromData.lab)).toEqual(strip(fromFolder));
    expect(await tryLoadLabFiles('files-lab', files, { dir })).toEqual({ ok: true, lab: fromFolder });
  });

  it('reports issues in data against lab.yaml or the step file, with line and column', async () => {
    const files = await readLabFolder(join(import.meta.dirname, 'testdata', 'bad', 'inconsistent'));
    const result = await tryLoadLabFiles('inconsistent', files);
    if (result.ok) throw new Error('expected issues');
    expect(result.file).toBe('lab.yaml');
    expect(result.issues[1]).toEqual({ file: 'lab.yaml', path: 'steps[0].text', message: 'file "steps/missing.mdx" not found next to lab.yaml; create it or fix the path', line: 7, column: 5 });
    const unsafe = await tryLoadLabFiles('x', { 'lab.yaml': 'id: x\n', '../../etc/cron.d/x': 'boom' });
    expect(unsafe).toMatchObject({ ok: false, issues: [{ file: '../../etc/cron.d/x', message: 'the path must not hold "..", "." or an empty folder name' }] });
    expect(await tryLoadLabFiles('x', {})).toMatchObject({ ok: false, issues: [{ file: 'lab.yaml', message: expect.stringContaining('no lab.yaml here') }] });
  });

  it('loads every course lab the same from data as from its folder', async () => {
    for (const dir of await listLabDirs(repoContent)) {
      const id = dir.split('/').at(-1) ?? '';
      const result = await tryLoadLabFiles(id, await readLabFolder(dir), { dir });
      expect(result, id).toEqual(await tryLoadLab(dir));
      expect(result.ok, id).toBe(true);
    }
  });
});
