// The `init` a new labsh gets, whichever host runs it: the lab loaded and validated here (so the
// child never loads YAML and zod: about 3-4 MB of every idle session, measured), its seed and the
// attempt's snapshot. A lab that fails to load here, or not within LAB_LOAD_WAIT_MS, is left to
// the child, which reads it itself and reports any problem in the terminal.

import type { SimulationSnapshot } from '../simulation/contract';
import { MAX_CONTROL_MESSAGE_BYTES, encodeMessage, type GatewayMessage } from '../protocol';
import type { Lab } from '../labs/loader';

// Imported when the gateway starts, so even the first child's lab is loaded before it asks.
const labLoader = import('../labs/loader');

/** How long a child's init waits for the gateway's load of its lab before the child reads it itself. */
export const LAB_LOAD_WAIT_MS = 2000;

export type InitMessage = Extract<GatewayMessage, { type: 'init' }>;

export interface LabInitOptions {
  contentDir: string;
  labId: string;
  /** The lab, already loaded by the host (an authored lab, which has no folder). */
  lab?: Lab;
  seed: number;
  snapshot: SimulationSnapshot | null;
}

/** Starts loading the lab now; the returned function waits (bounded) and builds the init message. */
export function prepareInit(options: LabInitOptions): () => Promise<InitMessage> {
  let lab = options.lab;
  const loaded: Promise<void> = lab
    ? Promise.resolve()
    : labLoader
        .then(({ loadLabById }) => loadLabById(options.contentDir, options.labId))
        .then((l) => { lab = l; }, () => undefined);
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([loaded, new Promise((r) => { timer = setTimeout(r, LAB_LOAD_WAIT_MS); })]);
    clearTimeout(timer);
    return initMessage(options, lab);
  };
}

function initMessage(options: LabInitOptions, lab: Lab | undefined): InitMessage {
  const init: InitMessage = { type: 'init', labId: options.labId, seed: options.seed, snapshot: options.snapshot };
  if (!lab) return init;
  const withLab: InitMessage = { ...init, lab };
  // Lab files and a large snapshot together may not fit one control message: then the child reads
  // the lab itself, or, for a lab given by the host (it has no folder), resumes from setup rather
  // than fail: the snapshot is dropped, never the lab.
  if (Buffer.byteLength(encodeMessage(withLab)) <= MAX_CONTROL_MESSAGE_BYTES) return withLab;
  return options.lab ? { ...withLab, snapshot: null } : init;
}
