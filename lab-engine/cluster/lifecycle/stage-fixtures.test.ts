// Every stage against its before/after fixtures (testdata/*.yaml, kwok's testdata style). The
// fixtures were recorded from the hand-written pod rules this engine replaced, so they also pin
// that the move to stages changed nothing. Regenerate deliberately with UPDATE_GOLDEN=1.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock';
import { POD_STAGES, StageEngine } from './pod-lifecycle';
import { readFixture, renderFixture, replay, writeFixture, type FireOne } from './stage-fixture-kit';
import { addRegistryImages } from '../images';
import { REGISTRY_IMAGES } from '../../simulation/cluster-bootstrap';

// The registry's catalogue, as the composition root fills it (the fixtures pull nginx and busybox).
addRegistryImages(REGISTRY_IMAGES);

const DIR = join(import.meta.dirname, 'testdata');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

const fireOne: FireOne = (ctx, runtime) => {
  const engine = new StageEngine(POD_STAGES, runtime, ctx);
  const due = engine.nextDue();
  if (!due) return undefined;
  engine.fire(due);
  return { at: due.at, stage: due.stage.name };
};

describe('pod stages, before and after', () => {
  it.each(FILES)('%s', (file) => {
    const path = join(DIR, file);
    const { header, fixture } = readFixture(path);
    const actual = replay(fixture, fireOne);
    if (process.env.UPDATE_GOLDEN === '1') writeFixture(path, header, actual);
    expect(renderFixture(header, actual)).toBe(readFileSync(path, 'utf8'));
  });

  it('has a fixture for every stage', () => {
    const covered = new Set(FILES.map((f) => readFixture(join(DIR, f)).fixture.stage));
    expect(POD_STAGES.map((s) => s.name).filter((name) => !covered.has(name))).toEqual([]);
  });

  it('names each stage once and gives each runtime stage at most one stage', () => {
    expect(new Set(POD_STAGES.map((s) => s.name)).size).toBe(POD_STAGES.length);
    expect(new Set(POD_STAGES.map((s) => s.selector.stage)).size).toBe(POD_STAGES.length);
  });
});

describe('StageEngine', () => {
  it('fires same-time stages in namespace/name order, each at its own instant, and reports the next', () => {
    const { fixture } = readFixture(join(DIR, 'create-sandbox.yaml'));
    const fired: string[] = [];
    replay(fixture, (ctx, runtime) => {
      const [key] = Object.keys(runtime);
      const pod = ctx.store.get('pods', 'default', key.split('/')[1])!;
      // A second pod, same runtime stage and time, with a name that sorts first.
      ctx.store.create('pods', { ...structuredClone(pod), metadata: { ...structuredClone(pod.metadata), name: 'aaa' } });
      runtime['default/aaa'] = { ...runtime[key] };
      const engine = new StageEngine(POD_STAGES, runtime, ctx);
      const first = engine.nextDue()!;
      const clock = new ManualClock(runtime[key].since);
      engine.runUntil(first.at, clock, (f) => fired.push(`${f.name}@${f.at - first.at}:${f.stage.name}`));
      expect(clock.now()).toBe(first.at);
      // Both now wait for their image pulls (nginx, 4 s cold).
      expect(engine.nextDue()!.at - first.at).toBe(4_000);
      return { at: first.at, stage: first.stage.name };
    });
    expect(fired).toEqual(['aaa@0:create-sandbox', `${fixture.before.pod.metadata.name}@0:create-sandbox`]);
  });
});
