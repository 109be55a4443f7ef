// Text cut into pieces of at most a given length (UTF-16 units) that never split a surrogate pair,
// so each piece is valid text on its own: the page's paste frames (app/_components/terminal-paste.ts)
// and a session host's output events (session-host-messages.ts) are cut this way.

export function textPieces(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + size);
    const last = text.charCodeAt(end - 1);
    // A cut right after a high surrogate steps back one (unless the piece would then be empty).
    if (end < text.length && end - at > 1 && last >= 0xd800 && last <= 0xdbff) end -= 1;
    pieces.push(text.slice(at, end));
    at = end;
  }
  return pieces;
}
