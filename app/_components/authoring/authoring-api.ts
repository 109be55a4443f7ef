// The lab editor's requests to /api/authoring (app/api/authoring): each answers with its data or
// with the server's message for the author, never throws for a refusal. The shapes are the
// routes' contract; the server validates everything it is sent.

import type { AuthoringIssue } from './issue-diagnostics';

export type LabFiles = Record<string, string>;
export type Audience = 'cohorts' | 'everyone';

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string };

export interface AuthoredLabSummary {
  id: string;
  title: string;
  module: string;
  draftUpdatedAt: string;
  currentVersion: number | null;
  audience: Audience;
}

export interface SelfTestRecord {
  filesHash: string;
  passed: boolean;
  report: unknown;
  at: string;
}

export interface AuthoredLab {
  id: string;
  files: LabFiles;
  draftUpdatedAt: string;
  currentVersion: number | null;
  audience: Audience;
  selfTest: SelfTestRecord | null;
  draftHash: string;
}

export interface LabVersion {
  number: number;
  note: string | null;
  createdAt: string;
  createdBy: string;
  current: boolean;
}

export interface FilePatch {
  path: string;
  patch: string;
}

const BASE = '/api/authoring';
const JSON_HEADERS = { 'content-type': 'application/json' };

function labUrl(id: string, rest = ''): string {
  return `${BASE}/labs/${encodeURIComponent(id)}${rest}`;
}

async function call<T>(url: string, init?: RequestInit): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store', ...init });
  } catch {
    return { ok: false, status: 0, message: 'The server could not be reached; check the connection and try again.' };
  }
  const body = (await response.json().catch(() => null)) as (T & { message?: string }) | null;
  if (!response.ok) {
    const fallback = response.status === 401 ? 'Your session ended; sign in again.' : `The server refused (HTTP ${response.status}).`;
    return { ok: false, status: response.status, message: typeof body?.message === 'string' ? body.message : fallback };
  }
  if (body === null) return { ok: false, status: response.status, message: 'The server answered with something that is not JSON.' };
  return { ok: true, data: body };
}

const post = <T>(url: string, body?: unknown) => call<T>(url, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(body ?? {}) });

export const listLabs = () => call<{ labs: AuthoredLabSummary[] }>(`${BASE}/labs`);
export const createLab = (lab: { id: string; title: string; module: string }) => post<{ id: string }>(`${BASE}/labs`, lab);
export const getLab = (id: string) => call<AuthoredLab>(labUrl(id));
export const saveDraft = (id: string, files: LabFiles) =>
  call<{ savedAt: string; draftHash: string }>(labUrl(id, '/draft'), { method: 'PUT', headers: JSON_HEADERS, body: JSON.stringify({ files }) });
export const validateDraft = (id: string, files: LabFiles) => post<{ issues: AuthoringIssue[] }>(labUrl(id, '/validate'), { files });
export const runSelfTest = (id: string) => post<{ passed: boolean; filesHash: string; report: unknown }>(labUrl(id, '/self-test'));
export const publishLab = (id: string, options: { note?: string; audience?: Audience }) => post<{ number?: number }>(labUrl(id, '/publish'), options);
export const listVersions = (id: string) => call<{ versions: LabVersion[] }>(labUrl(id, '/versions'));
export const diffVersions = (id: string, from: number, to: number | 'draft') =>
  call<{ files: FilePatch[] }>(labUrl(id, `/diff?from=${from}&to=${to}`));
export const rollbackLab = (id: string, number: number) => post<{ number?: number }>(labUrl(id, '/rollback'), { number });
export const tryLab = (id: string) => post<{ attemptId: string }>(labUrl(id, '/try'));
export const recordSolution = (id: string, attemptId: string) => post<{ solution: string | string[] }>(labUrl(id, '/record-solution'), { attemptId });
export const exportHref = (id: string) => labUrl(id, '/export');

/** Uploads a lab folder as a zip (its bytes are the body). */
export const importLabZip = (zip: Blob) => call<{ id: string }>(`${BASE}/import`, { method: 'POST', headers: { 'content-type': 'application/zip' }, body: zip });

/** Deletes the lab; `force` also when learners are mid-attempt (the server answers 409 otherwise). */
export const deleteLab = (id: string, force = false) =>
  call<{ deleted: true; closedAttempts: number }>(labUrl(id, force ? '?force=1' : ''), { method: 'DELETE' });
