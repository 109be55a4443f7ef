import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteLab, diffVersions, getLab, importLabZip, saveDraft } from './authoring-api';

afterEach(() => vi.unstubAllGlobals());

function answerWith(status: number, body: unknown) {
  const fetchMock = vi.fn(async () => new Response(body === undefined ? 'not json' : JSON.stringify(body), { status }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('authoring-api', () => {
  it('hands back the data of a good answer, from the route the contract names', async () => {
    const fetchMock = answerWith(200, { savedAt: 'now', draftHash: 'abc' });
    expect(await saveDraft('my lab', { 'lab.yaml': 'id: x\n' })).toEqual({ ok: true, data: { savedAt: 'now', draftHash: 'abc' } });
    expect(fetchMock).toHaveBeenCalledWith('/api/authoring/labs/my%20lab/draft', expect.objectContaining({ method: 'PUT', body: JSON.stringify({ files: { 'lab.yaml': 'id: x\n' } }) }));
  });

  it('passes the server’s message on for a refusal', async () => {
    answerWith(413, { message: 'A lab may hold at most 900 KiB of files.' });
    expect(await saveDraft('x', {})).toEqual({ ok: false, status: 413, message: 'A lab may hold at most 900 KiB of files.' });
  });

  it('says something useful when the refusal has no message, or the server is unreachable', async () => {
    answerWith(401, undefined);
    expect(await getLab('x')).toMatchObject({ ok: false, status: 401, message: 'Your session ended; sign in again.' });
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    expect(await getLab('x')).toMatchObject({ ok: false, status: 0, message: expect.stringContaining('could not be reached') });
  });

  it('asks for a diff against the draft, and posts a zip as its bytes', async () => {
    const fetchMock = answerWith(200, { files: [] });
    await diffVersions('lab', 2, 'draft');
    expect(fetchMock).toHaveBeenLastCalledWith('/api/authoring/labs/lab/diff?from=2&to=draft', expect.anything());
    const zip = new Blob([new Uint8Array([0x50, 0x4b])]);
    await importLabZip(zip);
    expect(fetchMock).toHaveBeenLastCalledWith('/api/authoring/import', expect.objectContaining({ method: 'POST', body: zip, headers: { 'content-type': 'application/zip' } }));
  });

  it('deletes with DELETE, adding force=1 only when asked, and passes a 409 on', async () => {
    const fetchMock = answerWith(409, { message: '1 learner is in the middle of this lab; delete it anyway with force.' });
    expect(await deleteLab('my-lab')).toEqual({ ok: false, status: 409, message: '1 learner is in the middle of this lab; delete it anyway with force.' });
    expect(fetchMock).toHaveBeenLastCalledWith('/api/authoring/labs/my-lab', expect.objectContaining({ method: 'DELETE' }));
    answerWith(200, { deleted: true, closedAttempts: 1 });
    expect(await deleteLab('my-lab', true)).toEqual({ ok: true, data: { deleted: true, closedAttempts: 1 } });
    expect(vi.mocked(fetch)).toHaveBeenLastCalledWith('/api/authoring/labs/my-lab?force=1', expect.objectContaining({ method: 'DELETE' }));
  });
});
