// /instructor/labs/[id]: the in-browser editor of one authored lab. Only its owner (or an admin)
// gets past notFound(); everything the editor does goes through /api/authoring, which checks again.
// Below the editor, deleting the lab (typed-id confirmation).

import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DeleteLabPanel } from '@/app/_components/authoring/delete-lab-panel';
import { LabEditor } from '@/app/_components/authoring/lab-editor';
import { getSessionUser } from '@/app/_server/auth';
import { canEditAuthoredLab } from '@/app/_server/authz';
import { previewStepAction } from './actions';

export const dynamic = 'force-dynamic';

type Params = { id: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  return { title: `Edit lab ${(await params).id}` };
}

export default async function LabEditorPage({ params }: { params: Promise<Params> }) {
  const { id } = await params;
  const user = await getSessionUser(await headers());
  if (!user || !(await canEditAuthoredLab(user, id))) notFound();
  return (
    <main className="lab-editor-page">
      <p className="lesson__breadcrumb">
        <Link href="/instructor">Instructor</Link> / <Link href="/instructor/labs">Labs</Link> / {id}
      </p>
      <h1>
        Edit lab <code>{id}</code>
      </h1>
      <LabEditor labId={id} canPublishToEveryone={user.role === 'admin'} previewStep={previewStepAction.bind(null, id)} />
      <DeleteLabPanel labId={id} />
    </main>
  );
}
