import { describe, expect, it } from 'vitest';
import { listModules } from '../_lessons/catalogue';
import { coursePath, homeModule } from './course-path';

describe('the course path', () => {
  const modules = [
    { slug: 'services', labs: ['service-selector-debug'] },
    { slug: 'kube-proxy', labs: ['service-selector-debug', 'proxy-modes'] },
  ];

  it('places a lab in the module its lab.yaml names when that module lists it', () => {
    expect(homeModule(modules, { id: 'service-selector-debug', module: 'kube-proxy' })).toBe('kube-proxy');
  });

  it('else in the first module that lists it, and nowhere when none does', () => {
    expect(homeModule(modules, { id: 'service-selector-debug', module: 'ingress' })).toBe('services');
    expect(homeModule(modules, { id: 'orphan', module: 'services' })).toBeUndefined();
  });

  it('walks every lesson once and every listed lab once, in module order', async () => {
    const path = await coursePath();
    const keys = path.map((item) => `${item.kind}:${item.key}`);
    expect(new Set(keys).size).toBe(keys.length);
    const listed = new Set((await listModules()).flatMap((m) => m.labs));
    expect(path.filter((item) => item.kind === 'lab').map((item) => item.key).sort()).toEqual([...listed].sort());
    expect(path.filter((item) => item.kind === 'lesson').length).toBe((await listModules()).flatMap((m) => m.lessons).length);
  });
});
