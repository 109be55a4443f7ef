// The two settings of terminal recordings, read once from the environment: how much output one
// attempt may record (FLATNET_RECORDING_MAX_BYTES) and after how many days recordings are deleted
// (FLATNET_RECORDING_RETENTION_DAYS, 0 keeps them). A value that is not a whole number fails the
// server's start with the setting's name, rather than silently recording without a cap.

import { z } from 'zod';

/** 1 MiB holds several hours of ordinary kubectl work; a flood (`yes`) hits it in a blink. */
export const DEFAULT_RECORDING_MAX_BYTES = 1024 * 1024;
export const DEFAULT_RECORDING_RETENTION_DAYS = 30;
/** Pruning runs at start and then this often. */
export const RECORDING_PRUNE_INTERVAL_MS = 6 * 60 * 60 * 1000;

export interface RecordingSettings {
  maxBytes: number;
  /** 0: keep recordings for ever. */
  retentionDays: number;
}

const wholeNumber = (name: string, min: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .refine((n) => Number.isSafeInteger(n) && n >= min, `${name} must be at least ${min}`);

export function recordingSettingsFromEnv(env: Record<string, string | undefined> = process.env): RecordingSettings {
  const read = (name: string, min: number, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const parsed = wholeNumber(name, min).safeParse(raw);
    if (!parsed.success) throw new Error(`${name}: "${raw}" is not valid (${parsed.error.issues[0]?.message})`);
    return parsed.data;
  };
  return {
    maxBytes: read('FLATNET_RECORDING_MAX_BYTES', 1, DEFAULT_RECORDING_MAX_BYTES),
    retentionDays: read('FLATNET_RECORDING_RETENTION_DAYS', 0, DEFAULT_RECORDING_RETENTION_DAYS),
  };
}
