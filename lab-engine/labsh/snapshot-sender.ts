// Sends the simulation's snapshot to the gateway, but only one that fits a control message
// (protocol MAX_CONTROL_MESSAGE_BYTES): the gateway hangs up on a longer line, which would cut the
// channel and with it every later snapshot and check result. A snapshot too big is not sent; the
// learner is told once, in the shell's words, what to do, and the gateway is told so it can log it.
// The model's own limits (pods, files) keep a snapshot far below the bound; this is the backstop.

import { MAX_CONTROL_MESSAGE_BYTES, encodeMessage, type LabshMessage } from '../protocol';
import type { SimulationSnapshot } from '../simulation/contract';

export interface SnapshotSenderOptions {
  send(message: LabshMessage): void;
  /** Sends a line already encoded: the snapshot is serialised once, to measure it and to send it. */
  sendEncoded?(line: string): void;
  /** Writes to the learner's terminal. */
  tell(text: string): void;
  maxBytes?: number;
}

/** Returns a function that sends `snapshot` if it fits; true when it was sent. */
export function snapshotSender(options: SnapshotSenderOptions): (snapshot: SimulationSnapshot) => boolean {
  const maxBytes = options.maxBytes ?? MAX_CONTROL_MESSAGE_BYTES;
  let refusing = false;
  return (snapshot) => {
    const line = encodeMessage({ type: 'snapshot', snapshot });
    const bytes = Buffer.byteLength(line);
    if (bytes <= maxBytes) {
      if (refusing) options.tell('\r\nlabsh: your lab is being saved again.\r\n');
      refusing = false;
      if (options.sendEncoded) options.sendEncoded(line);
      else options.send({ type: 'snapshot', snapshot });
      return true;
    }
    options.send({ type: 'snapshot-refused', bytes });
    if (!refusing) {
      const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
      options.tell(
        `\r\nlabsh: warning: your lab's state is ${mb(bytes)} MB, over the ${mb(maxBytes)} MB that can be saved; ` +
          'changes are not saved until you delete some files or objects.\r\n',
      );
    }
    refusing = true;
    return false;
  };
}
