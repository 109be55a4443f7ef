// better-auth's HTTP API (/api/auth/*): get-session, sign-out and the JSON sign-in/up endpoints.
// The pages' forms use server actions instead; this stays for the account menu and for clients.
// Bodies are capped before better-auth reads them; field sizes and rate limits are checked in
// its before-hook (app/_server/auth-guard.ts), shared with the forms.

import { toNextJsHandler } from 'better-auth/next-js';
import { auth } from '../../../_server/auth';
import { withAuthBodyLimit } from '../../../_server/auth-body-limit';

export const dynamic = 'force-dynamic';

const handlers = toNextJsHandler(auth);

export const GET = handlers.GET;
export const POST = withAuthBodyLimit(handlers.POST);
export const PATCH = withAuthBodyLimit(handlers.PATCH);
export const PUT = withAuthBodyLimit(handlers.PUT);
export const DELETE = withAuthBodyLimit(handlers.DELETE);
