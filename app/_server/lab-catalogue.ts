// The labs the app can offer, loaded once per process from content/labs through the engine's
// validated loader; the app never parses lab.yaml itself.

import { basename, join } from 'node:path';
import { listLabDirs, loadLabById, type Lab } from '../../lab-engine/labs/loader';

const contentDir = () => process.env.FLATNET_CONTENT_DIR ?? join(process.cwd(), 'content');
const cache = new Map<string, Promise<Lab | null>>();

export function findLab(labId: string): Promise<Lab | null> {
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(labId)) return Promise.resolve(null);
  let lab = cache.get(labId);
  if (!lab) {
    lab = loadLabById(contentDir(), labId).catch(() => null);
    cache.set(labId, lab);
  }
  return lab;
}

export async function listLabIds(): Promise<string[]> {
  return (await listLabDirs(contentDir())).map((dir) => basename(dir));
}

/** The labs a learner solves, each with its own page: every lab but the lesson sandboxes (lab.yaml `sandbox: true`). */
export async function listGradedLabIds(): Promise<string[]> {
  const ids = await listLabIds();
  const labs = await Promise.all(ids.map((id) => findLab(id)));
  return ids.filter((_, index) => labs[index]?.sandbox !== true);
}

export interface LabCheckSummary {
  id: string;
  title: string;
  stepId: string;
}

export function labChecks(lab: Lab): LabCheckSummary[] {
  return lab.steps.flatMap((step) => step.checks.map((check) => ({ id: check.id, title: check.title, stepId: step.id })));
}
