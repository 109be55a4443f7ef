// What the browser says when the gateway refuses to start a lab session (the `refused` event of
// lab-engine/protocol/terminal-frames.ts): the protocol carries the reason and the numbers, the
// words live here with the rest of the UI's text.

import type { SessionRefusalReason } from '../../lab-engine/protocol';

export function sessionRefusalText(event: { reason: SessionRefusalReason; running: number; limit: number }): string {
  switch (event.reason) {
    case 'machine-full':
      return `The lab machine is full right now: ${event.running} sessions are running. Try again in a few minutes.`;
    case 'user-limit':
      return `You already have ${event.running} labs open, the most one account may run at once. Close one of their tabs, then reload this page.`;
    default: {
      const never: never = event.reason;
      return never;
    }
  }
}
