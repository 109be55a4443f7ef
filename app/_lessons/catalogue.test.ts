import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCatalogue } from './catalogue';

const manifest = (order: number, lessons = '  - {slug: first, title: First, file: first.mdx}') =>
  `title: Module ${order}\norder: ${order}\nsummary: About ${order}.\nlessons:\n${lessons}\nlabs: [lab-${order}]\n`;

function courseDir(modules: Record<string, Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'flatnet-modules-'));
  for (const [folder, files] of Object.entries(modules)) {
    mkdirSync(join(root, folder));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(root, folder, name), text);
  }
  return root;
}

describe('createCatalogue', () => {
  it('lists modules by order, slugged from their folder, with lesson links', async () => {
    const dir = courseDir({
      '02-services': { 'module.yaml': manifest(2), 'first.mdx': '# S' },
      '01-pods': {
        'module.yaml': manifest(1, '  - {slug: first, title: First, file: first.mdx}\n  - {slug: second, title: Second, file: second.mdx}'),
        'first.mdx': '# One',
        'second.mdx': '# Two',
      },
    });
    const catalogue = createCatalogue(dir);
    const modules = await catalogue.listModules();
    expect(modules.map((m) => [m.slug, m.order, m.labs])).toEqual([
      ['pods', 1, ['lab-1']],
      ['services', 2, ['lab-2']],
    ]);
    expect(modules[0].lessons.map((l) => l.href)).toEqual(['/learn/pods/first', '/learn/pods/second']);
    expect(await catalogue.lessonParams()).toEqual([
      { module: 'pods', lesson: 'first' },
      { module: 'pods', lesson: 'second' },
      { module: 'services', lesson: 'first' },
    ]);
  });

  it('returns a compiled lesson with its neighbours, and null for unknown paths', async () => {
    const dir = courseDir({
      '01-pods': {
        'module.yaml': manifest(1, '  - {slug: first, title: First, file: first.mdx}\n  - {slug: second, title: Second, file: second.mdx}'),
        'first.mdx': '# One',
        'second.mdx': '# Two',
      },
    });
    const catalogue = createCatalogue(dir);
    const lesson = await catalogue.getLesson('pods', 'second');
    expect(lesson?.lesson.title).toBe('Second');
    expect(lesson?.previous?.slug).toBe('first');
    expect(lesson?.next).toBeNull();
    expect(lesson?.compiled.code).toContain('Two');
    expect(await catalogue.getLesson('pods', 'third')).toBeNull();
    expect(await catalogue.getLesson('nope', 'first')).toBeNull();
  });

  it('names the manifest and field when a lesson file is missing', async () => {
    const dir = courseDir({ '01-pods': { 'module.yaml': manifest(1) } });
    await expect(createCatalogue(dir).listModules()).rejects.toThrow(/01-pods\/module\.yaml: lessons\[0\]\.file: first\.mdx does not exist/);
  });

  it('rejects badly named folders, missing manifests and clashing orders', async () => {
    await expect(createCatalogue(courseDir({ pods: {} })).listModules()).rejects.toThrow(/a module folder is named <two digits>-<slug>, e\.g\. 01-pod-network/);
    await expect(createCatalogue(courseDir({ '01-pods': {} })).listModules()).rejects.toThrow(/01-pods\/module\.yaml: missing/);
    const clash = courseDir({
      '01-pods': { 'module.yaml': manifest(1), 'first.mdx': '#' },
      '02-more': { 'module.yaml': manifest(1), 'first.mdx': '#' },
    });
    await expect(createCatalogue(clash).listModules()).rejects.toThrow(/modules "pods" and "more" have the same order 1/);
  });

  it('keeps a sandbox: lab that exists beside the modules, and refuses one that does not', async () => {
    const content = mkdtempSync(join(tmpdir(), 'flatnet-content-'));
    mkdirSync(join(content, 'modules', '01-pods'), { recursive: true });
    mkdirSync(join(content, 'labs', 'pods-sandbox'), { recursive: true });
    writeFileSync(join(content, 'labs', 'pods-sandbox', 'lab.yaml'), 'id: pods-sandbox\n');
    writeFileSync(join(content, 'modules', '01-pods', 'first.mdx'), '# One');
    const write = (sandbox: string) => writeFileSync(join(content, 'modules', '01-pods', 'module.yaml'), `${manifest(1)}sandbox: ${sandbox}\n`);
    write('pods-sandbox');
    expect((await createCatalogue(join(content, 'modules')).listModules())[0]).toMatchObject({ labs: ['lab-1'], sandbox: 'pods-sandbox' });
    write('pods-sandbx');
    await expect(createCatalogue(join(content, 'modules')).listModules()).rejects.toThrow(/01-pods\/module\.yaml: sandbox: no lab "pods-sandbx" in content\/labs/);
  });
});

describe('the course in content/modules', () => {
  const contentDir = join(__dirname, '..', '..', 'content');
  const catalogue = createCatalogue(join(contentDir, 'modules'));

  it('loads, and every lesson compiles', async () => {
    const params = await catalogue.lessonParams();
    expect(params).toContainEqual({ module: 'pod-network', lesson: 'pod-network-model' });
    for (const { module, lesson } of params) {
      const found = await catalogue.getLesson(module, lesson);
      expect(found?.compiled.code.length).toBeGreaterThan(0);
    }
  });

  it('the first lesson carries its diagram and the Run blocks the lab relies on', async () => {
    const found = await catalogue.getLesson('pod-network', 'pod-network-model');
    const code = found?.compiled.code ?? '';
    expect(code).toContain('data-diagram=');
    expect(code).toContain('10.244.1.0/24');
    for (const command of ['kubectl get nodes -o wide', 'kubectl run web --image=nginx', 'kubectl get pods -o wide']) {
      expect(code).toContain(`command:"${command}"`);
    }
    expect(found?.module.labs).toEqual(['pod-network-basics', 'pod-host-veth']);
  });

  it('lists only labs that exist in content/labs', async () => {
    for (const courseModule of await catalogue.listModules()) {
      for (const labId of courseModule.labs) {
        expect(existsSync(join(contentDir, 'labs', labId, 'lab.yaml')), `content/labs/${labId}/lab.yaml`).toBe(true);
      }
    }
  });
});
