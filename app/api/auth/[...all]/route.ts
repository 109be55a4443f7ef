// better-auth's HTTP API (/api/auth/*): get-session, sign-out and the JSON sign-in/up endpoints.
// The pages' forms use server actions instead; this stays for the account menu and for clients.

import { toNextJsHandler } from 'better-auth/next-js';
import { auth } from '../../../_server/auth';

export const dynamic = 'force-dynamic';

export const { GET, POST, PATCH, PUT, DELETE } = toNextJsHandler(auth);
