// How much of a batch of terminal output still fits an attempt's recording, and the marker that
// closes a recording at its cap. Both attempt stores (the app's on SQLite, the memory one) ask
// this, so they stop at the same byte and leave the same last words.
//
// The running total (Attempt.recordedBytes) counts every recorded chunk, the marker too. So a
// total at or under the cap means "still recording" and a total over it means "stopped, marker
// written": one number says both, across server restarts.

/** Bytes of a string as UTF-8, what the database stores. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The marker recorded once, when an attempt's recording reaches its cap. */
export function recordingStoppedMarker(maxBytes: number): string {
  // Starts with ESC: a cut escape sequence before it is aborted by the next ESC, so the line shows.
  return `\x1b[0m\r\n\x1b[2m[flatnet] Recording stopped: this attempt reached its limit of ${formatLimit(maxBytes)} of terminal output.\x1b[0m\r\n`;
}

function formatLimit(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

export interface RecordingFit {
  /** The chunks to store, in order (the data or its head, then the marker once). */
  chunks: string[];
  /** What they add to the attempt's recorded total. */
  addedBytes: number;
  /** True when nothing more will be recorded for this attempt. */
  full: boolean;
}

/** What to record of `data` for an attempt that has recorded `recordedBytes` so far, under `maxBytes`. */
export function fitRecording(recordedBytes: number, data: string, maxBytes: number): RecordingFit {
  if (recordedBytes > maxBytes) return { chunks: [], addedBytes: 0, full: true };
  const bytes = utf8Bytes(data);
  if (recordedBytes + bytes <= maxBytes) return { chunks: data ? [data] : [], addedBytes: bytes, full: false };
  const head = utf8Head(data, maxBytes - recordedBytes);
  const marker = recordingStoppedMarker(maxBytes);
  const chunks = head ? [head, marker] : [marker];
  return { chunks, addedBytes: utf8Bytes(head) + utf8Bytes(marker), full: true };
}

/** The longest start of `text` that fits `maxBytes` as UTF-8, never splitting a character. */
function utf8Head(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = utf8Bytes(char);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}
