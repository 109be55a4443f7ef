// What the page does with one burst of terminal input (a key, or a whole paste): sent in frames
// small enough for the gateway's WebSocket limit whatever the text escapes to as JSON, or, when it
// is more than one shell input may hold, refused here with a line that says so — never sent to
// be cut off by the socket (which closed the connection and lost the paste without a word).

import { MAX_INPUT_BYTES } from '../../lab-engine/core/limits';
import { textPieces } from '../../lab-engine/protocol';

/** Characters per frame: even escaped to `\u00XX` (6 bytes each) a frame stays under the gateway's 512 KB. */
export const INPUT_FRAME_CHARS = 64 * 1024;

export type PastePlan = { kind: 'send'; frames: string[] } | { kind: 'refuse'; message: string };

export function planInput(data: string): PastePlan {
  const bytes = new TextEncoder().encode(data).length;
  if (bytes > MAX_INPUT_BYTES) {
    return {
      kind: 'refuse',
      message: `Paste not sent: ${formatKB(bytes)} is more than the ${formatKB(MAX_INPUT_BYTES)} one input to the lab shell may hold. Paste it in smaller parts (a heredoc per part: cat >> file <<'EOF').`,
    };
  }
  // Never cut between the two UTF-16 code units of a surrogate pair.
  return { kind: 'send', frames: textPieces(data, INPUT_FRAME_CHARS) };
}

function formatKB(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
