// One lab attempt's live world: the simulation, the lab it belongs to (if any) and the grading
// state. labsh's REPL, its scripted mode and the gateway-attached mode all drive this one object.

import type { TopologyOptions } from '../core/topology';
import type { SimulationSnapshot } from '../simulation/contract';
import type { CheckResultMessage } from './control-messages';
import { createSimulation, restoreSimulation, settle, type FlatnetSimulation, type SimulationHooks } from '../simulation/simulation';
import { loadLabById, type Lab } from '../labs/loader';
import { gradeChecks } from '../labs/grader';

export interface RuntimeOptions {
  seed: number;
  labId?: string | null;
  contentDir: string;
  cni?: TopologyOptions['cni'];
  proxyMode?: 'iptables' | 'ipvs';
  ipipMode?: TopologyOptions['ipipMode'];
  flannelBackend?: TopologyOptions['flannelBackend'];
  ingress?: TopologyOptions['ingress'];
  loadBalancerPool?: TopologyOptions['loadBalancerPool'];
  snapshot?: SimulationSnapshot | null;
  /** How the shell waits (`sleep`): interactive hosts wait for real; scripts only move the clock. */
  hooks?: SimulationHooks;
}

export class LabRuntime {
  private lastGradedGeneration = -1;
  private lastResultsKey = '';

  private constructor(
    readonly sim: FlatnetSimulation,
    readonly lab: Lab | null,
  ) {}

  static async start(options: RuntimeOptions): Promise<LabRuntime> {
    const lab = options.labId ? await loadLabById(options.contentDir, options.labId) : null;
    if (options.snapshot) return new LabRuntime(restoreSimulation(options.snapshot, options.hooks), lab);
    const sim = createSimulation({
      seed: lab?.seed ?? options.seed,
      topology: {
        cni: options.cni ?? lab?.topology.cni,
        proxyMode: options.proxyMode ?? lab?.topology.proxyMode,
        // A --cni that overrides the lab's CNI drops the lab's settings for the CNI it replaced.
        ipipMode: options.ipipMode ?? (sameCni(options, lab) ? lab?.topology.ipipMode : undefined),
        flannelBackend: options.flannelBackend ?? (sameCni(options, lab) ? lab?.topology.flannelBackend : undefined),
        ingress: options.ingress ?? lab?.topology.ingress,
        loadBalancerPool: options.loadBalancerPool ?? lab?.topology.loadBalancerPool,
      },
      files: lab?.files,
    }, options.hooks);
    if (lab?.setup) {
      // Hidden from the learner: setup is not part of their history.
      const result = await sim.exec(lab.setup, { history: false });
      if (result.exitCode !== 0) {
        throw new Error(`lab ${lab.id}: setup failed (exit ${result.exitCode}): ${result.stderr || result.stdout}`);
      }
      settle(sim);
    }
    return new LabRuntime(sim, lab);
  }

  /** Grades every check when the model changed; returns the results only when they differ from the last ones sent. */
  gradeIfChanged(): CheckResultMessage[] | null {
    if (!this.lab) return null;
    const generation = this.sim.generation();
    if (generation === this.lastGradedGeneration) return null;
    this.lastGradedGeneration = generation;
    const results = this.grade();
    const key = JSON.stringify(results);
    if (key === this.lastResultsKey) return null;
    this.lastResultsKey = key;
    return results;
  }

  grade(): CheckResultMessage[] {
    if (!this.lab) return [];
    return gradeChecks(this.lab, this.sim).map((r) => ({
      checkId: r.checkId,
      passed: r.passed,
      feedbackId: r.feedbackId,
      params: r.params,
      reason: r.reason,
    }));
  }
}

function sameCni(options: RuntimeOptions, lab: Lab | null): boolean {
  return options.cni === undefined || options.cni === lab?.topology.cni;
}
