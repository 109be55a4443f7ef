// Kubernetes timestamps (metav1.Time) are RFC 3339 with whole seconds. Converting in one place
// keeps every object's times truncated the same way, which AGE columns depend on.

export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function parseRfc3339(value: string): number {
  return Date.parse(value);
}
