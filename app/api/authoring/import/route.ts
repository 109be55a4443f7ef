// POST /api/authoring/import (body: the zip's bytes) → { id, created }: a content/labs/<id>/ folder as
// a zip (labctl export, or this editor's Export) unpacked by the engine under its limits (entries,
// sizes, zip bombs, unsafe paths, one top folder), then stored as the draft of lab <id>: a new lab
// owned by the caller, or the caller's own lab of that id with its draft replaced. 409 when the id
// belongs to a content lab or to someone else's lab.

import { unpackLabArchive } from '@/lab-engine/labs/lab-archive';
import { labFilesIssues } from '@/lab-engine/labs/lab-files';
import { ID_PATTERN } from '@/lab-engine/labs/lab-id';
import { canEditAuthoredLab } from '@/app/_server/authz';
import { importAsDraft } from '@/app/_server/authored-labs/authored-labs';
import { answer, refuse, staffCaller } from '@/app/_server/authored-labs/authoring-route';
import { MAX_IMPORT_ZIP_BYTES } from '@/app/_server/authored-labs/limits';

export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  return answer(async () => {
    const user = await staffCaller(request);
    if (user instanceof Response) return user;
    const declared = Number(request.headers.get('content-length') ?? '0');
    if (declared > MAX_IMPORT_ZIP_BYTES) return refuse(413, `A lab archive may be at most ${MAX_IMPORT_ZIP_BYTES / 1024} KiB.`);
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.length === 0) return refuse(400, 'Send the zip file as the request body.');
    if (bytes.length > MAX_IMPORT_ZIP_BYTES) return refuse(413, `A lab archive may be at most ${MAX_IMPORT_ZIP_BYTES / 1024} KiB.`);
    const unpacked = unpackLabArchive(bytes);
    if (!unpacked.ok) return refuse(400, unpacked.message);
    if (!ID_PATTERN.test(unpacked.id)) return refuse(400, `"${unpacked.id}" is not a lab id: name the folder with lowercase letters, digits and dashes.`);
    const unsafe = labFilesIssues(unpacked.files);
    if (unsafe.length > 0) return refuse(400, `${unsafe[0].file}: ${unsafe[0].message}`, { issues: unsafe });
    const canEdit = await canEditAuthoredLab(user, unpacked.id);
    return Response.json(await importAsDraft(user, unpacked.id, unpacked.files, canEdit));
  });
}
