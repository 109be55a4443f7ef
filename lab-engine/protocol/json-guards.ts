// The few shape tests every guard in protocol/ is built from. Hand-written rather than zod: the
// browser bundle and every idle labsh load these, and a schema library would cost both for four
// small message types.

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isString(value: unknown): value is string {
  return typeof value === 'string';
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function isArrayOf<T>(value: unknown, guard: (item: unknown) => item is T): value is T[] {
  return Array.isArray(value) && value.every(guard);
}

/** JSON.parse that answers `undefined` instead of throwing: every reader here treats bad JSON as a message to drop. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One field check per message type of a `{type, ...}` union, keyed by type. */
export type FieldChecks<Message extends { type: string }> = { [Type in Message['type']]: (message: JsonRecord) => boolean };

/** True when `value` is `{type, ...}` with a type the table knows and fields its check accepts. */
export function isTaggedMessage(table: Record<string, (message: JsonRecord) => boolean>, value: unknown): boolean {
  return isRecord(value) && isString(value.type) && Object.hasOwn(table, value.type) && table[value.type](value);
}
