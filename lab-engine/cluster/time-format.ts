// Kubernetes timestamps (metav1.Time) are RFC 3339 with whole seconds. Converting in one place
// keeps every object's times truncated the same way, which AGE columns depend on.

import { isoString } from '../core/utc-text';

export function rfc3339(ms: number): string {
  return isoString(Math.floor(ms / 1000) * 1000).replace('.000Z', 'Z');
}

export function parseRfc3339(value: string): number {
  return Date.parse(value);
}
