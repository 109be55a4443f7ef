// The door every /api/authoring route goes through, so none can forget a step: same-origin for
// writes, a session (401), the instructor or admin role (403), and for a lab's own routes the
// right to edit that lab (404, as for a lab that does not exist: guessing ids tells nothing).
// Bodies are parsed with zod `safeParse`; an AuthoringError becomes its status and sentence; any
// other failure is logged here and answered with one plain sentence, never a stack or a path.

import { headers } from 'next/headers';
import type { z } from 'zod';
import { getSessionUser, type SessionUser } from '../auth';
import { canEditAuthoredLab, isStaff } from '../authz';
import { isCrossSite } from '../same-origin';
import { AuthoringError } from './authored-labs';
import { SelfTestBusy } from './self-test-runner';

export type RouteContext = { params: Promise<{ id: string }> };

const SAFE_METHODS = new Set(['GET', 'HEAD']);

export function refuse(status: number, message: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ message, ...extra }, { status, headers: { 'cache-control': 'no-store' } });
}

/** The signed-in instructor or admin making this request, or the refusal to send. */
export async function staffCaller(request: Request): Promise<SessionUser | Response> {
  const requestHeaders = await headers();
  if (!SAFE_METHODS.has(request.method.toUpperCase()) && isCrossSite(requestHeaders)) return refuse(403, 'Requests from other sites cannot change labs.');
  const user = await getSessionUser(requestHeaders);
  if (!user) return refuse(401, 'Sign in to write labs.');
  if (!isStaff(user)) return refuse(403, 'Only instructors and admins write labs.');
  return user;
}

/** As staffCaller, and the lab `id` of the route must be one the caller may edit. */
export async function labEditor(request: Request, context: RouteContext): Promise<{ user: SessionUser; id: string } | Response> {
  const user = await staffCaller(request);
  if (user instanceof Response) return user;
  const { id } = await context.params;
  if (!(await canEditAuthoredLab(user, id))) return refuse(404, 'No such lab.');
  return { user, id };
}

/** The request's JSON body read through `schema`, or a 400 that says what to send. */
export async function readBody<T>(request: Request, schema: z.ZodType<T>, expected: string): Promise<T | Response> {
  const body: unknown = await request.json().catch(() => undefined);
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` (${issue.path.join('.')}: ${issue.message})` : issue ? ` (${issue.message})` : '';
  return refuse(400, `Send ${expected}${where}.`);
}

/** Runs a route's work, turning refusals meant for the author into their answer. */
export async function answer(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AuthoringError) return refuse(error.status, error.message);
    if (error instanceof SelfTestBusy) return refuse(429, error.message);
    console.error('[authoring]', error);
    return refuse(500, 'Something went wrong on the server; try again.');
  }
}
