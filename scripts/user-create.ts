// `npm run user:create -- --role admin|instructor|learner --email E --name N [--password-stdin]`:
// creates an account from the machine's command line — how the first admin comes to exist — or,
// when the email already has one, changes its role (and its password if one is given; its
// sessions then end). The database is set up first (migrations, seed), as `npm start` does.
//
// The password never comes from argv, which every user of the machine can read in `ps`: it is
// one line on stdin with --password-stdin (typed without echo when stdin is a terminal), or the
// FLATNET_NEW_USER_PASSWORD variable. It is hashed with better-auth's scrypt (user-accounts.ts),
// so the account signs in through the normal form. Nothing secret is printed.
//
// Exit codes: 0 done, 2 a usage error (nothing changed), 1 the database failed.

import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { Role } from '../app/_server/auth';
import { disconnectDb, getDb } from '../app/_server/db';
import { createAccount, EmailField, findUserByEmail, NameField, PasswordField, RoleField, setPassword, setRole } from '../app/_server/user-accounts';
import { setupDatabase } from './db-setup.mjs';

export const PASSWORD_ENV = 'FLATNET_NEW_USER_PASSWORD';
/** More than any password may be (128 characters of up to 4 UTF-8 bytes), less than a mistake piped in. */
const MAX_STDIN_BYTES = 1024;

export const USAGE = `Usage: npm run user:create -- --role admin|instructor|learner --email EMAIL --name NAME [--password-stdin]
The password is one line on stdin (--password-stdin) or the ${PASSWORD_ENV} variable, never an argument.`;

export class UsageError extends Error {}

export interface UserCreateRequest {
  role: Role;
  email: string;
  name?: string;
  passwordStdin: boolean;
}

function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'invalid value';
}

/** The command line as a request; UsageError says what is wrong in words. */
export function parseRequest(argv: string[]): UserCreateRequest {
  if (argv.some((arg) => arg === '--password' || arg.startsWith('--password='))) {
    throw new UsageError(`--password is not accepted: arguments are visible to everyone in \`ps\`. Use --password-stdin or ${PASSWORD_ENV}.`);
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        role: { type: 'string' },
        email: { type: 'string' },
        name: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!values.role) throw new UsageError('--role is required (admin, instructor or learner).');
  if (!values.email) throw new UsageError('--email is required.');
  const role = RoleField.safeParse(values.role);
  if (!role.success) throw new UsageError(`--role: ${firstIssue(role.error)}`);
  const email = EmailField.safeParse(values.email);
  if (!email.success) throw new UsageError(`--email: ${firstIssue(email.error)}`);
  let name: string | undefined;
  if (values.name !== undefined) {
    const parsed = NameField.safeParse(values.name);
    if (!parsed.success) throw new UsageError(`--name: ${firstIssue(parsed.error)}`);
    name = parsed.data;
  }
  return { role: role.data, email: email.data, name, passwordStdin: values['password-stdin'] ?? false };
}

/** Reads what was piped in, up to the first line break. */
async function readPipedLine(input: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(buffer);
    size += buffer.length;
    if (buffer.includes(0x0a)) break;
    if (size > MAX_STDIN_BYTES) throw new UsageError(`The password on stdin is longer than ${MAX_STDIN_BYTES} bytes.`);
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** Reads a line from a terminal without echoing it. */
function readHiddenLine(input: NodeJS.ReadStream, prompt: NodeJS.WriteStream): Promise<string> {
  prompt.write('Password (not shown): ');
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      prompt.write('\n');
    };
    function onData(chunk: string) {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish();
          resolve(value);
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new UsageError('Cancelled; nothing changed.'));
          return;
        }
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else if (value.length <= MAX_STDIN_BYTES) value += char;
      }
    }
    input.on('data', onData);
  });
}

/** The new password, validated, or undefined when none was given. */
export async function readPassword(request: UserCreateRequest, env: Record<string, string | undefined>, stdin: NodeJS.ReadStream, prompt: NodeJS.WriteStream): Promise<string | undefined> {
  let password: string | undefined;
  if (request.passwordStdin) password = stdin.isTTY ? await readHiddenLine(stdin, prompt) : await readPipedLine(stdin);
  else password = env[PASSWORD_ENV] || undefined;
  if (password === undefined) return undefined;
  const parsed = PasswordField.safeParse(password);
  if (!parsed.success) throw new UsageError(`${firstIssue(parsed.error)} Nothing changed.`);
  return parsed.data;
}

/** Creates the account or updates the existing one; returns the line to print. */
export async function createOrUpdateUser(request: UserCreateRequest, password: string | undefined): Promise<string> {
  const existing = await findUserByEmail(request.email);
  if (!existing) {
    if (!request.name) throw new UsageError('--name is required for a new account.');
    if (!password) throw new UsageError(`A new account needs a password: --password-stdin or ${PASSWORD_ENV}.`);
    await createAccount({ email: request.email, name: request.name, role: request.role, password });
    return `Created ${request.role} ${request.email}. They sign in at /signin.`;
  }
  const changes: string[] = [];
  if (existing.role !== request.role) {
    await setRole(existing.id, request.role);
    changes.push(`role ${existing.role} → ${request.role}`);
  } else {
    changes.push(`role stays ${existing.role}`);
  }
  if (request.name && request.name !== existing.name) {
    await getDb().user.update({ where: { id: existing.id }, data: { name: request.name } });
    changes.push('name updated');
  }
  if (password) {
    await setPassword(existing.id, password);
    changes.push('password changed, their sessions ended');
  }
  return `${request.email} already had an account: ${changes.join('; ')}.`;
}

async function main(): Promise<void> {
  try {
    const request = parseRequest(process.argv.slice(2));
    const password = await readPassword(request, process.env, process.stdin, process.stderr);
    await setupDatabase();
    console.log(await createOrUpdateUser(request, password));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`user:create: ${error.message}\n${USAGE}`);
      process.exitCode = 2;
    } else {
      // A database problem: its message, never a stack trace with paths and values.
      console.error(`user:create failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      process.exitCode = 1;
    }
  } finally {
    await disconnectDb();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
