// Password hashing for better-auth, owned by Flatnet so it runs off the event loop, and below the
// terminals, whatever the bundler does. better-auth's default picks node:crypto only through the
// "node" export condition of @better-auth/utils/password and otherwise falls back to @noble/hashes'
// scrypt, plain JavaScript on the calling thread. Even on libuv's pool a hash takes a core for
// ~100 ms at normal priority, and on two cores that is what learners' echo pays during a sign-in
// flood (issue 21). So the KDF runs in one worker thread of its own, at the lowest CPU priority
// (nice 19 for that thread alone, on Linux): it gets a core when the gateway and the labsh
// sessions leave one idle. The gate in auth-guard.ts keeps one hash at a time and a short queue.
//
// The format and parameters are better-auth's own (N 16384, r 16, p 1, 64-byte key, the password
// NFKC-normalised, the salt the 32-character hex text of 16 random bytes used as-is, stored as
// `salt:key` in hex), so hashes stored before this module verify unchanged and the other way round
// (password-hash.test.ts checks both directions against better-auth's exported functions).

import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { Worker } from 'node:worker_threads';

export const SCRYPT_PARAMS = { N: 16384, r: 16, p: 1, keyLength: 64 } as const;
/** Twice what scrypt needs (128·N·r bytes), as better-auth passes; Node's default cap is exactly 32 MiB. */
const MAX_MEMORY = 128 * SCRYPT_PARAMS.N * SCRYPT_PARAMS.r * 2;
const SALT_BYTES = 16;
/** The KDF thread's niceness: the lowest priority, so terminals always go first. */
export const KDF_NICENESS = 19;

/**
 * The worker's whole program, evaluated from a string so that neither Next's bundler nor tsx has a
 * second file to find. It lowers its own thread's priority (Linux: setpriority on the thread id
 * from /proc/thread-self; elsewhere it stays at normal priority) and computes scrypt synchronously
 * on its own thread, one request at a time.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
let niceness = null;
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  require('node:os').setPriority(tid, workerData.niceness);
  niceness = require('node:os').getPriority(tid);
} catch {}
parentPort.on('message', ({ id, kind, password, salt }) => {
  if (kind === 'niceness') return parentPort.postMessage({ id, niceness });
  try {
    const { N, r, p, keyLength, maxmem } = workerData;
    parentPort.postMessage({ id, key: scryptSync(password, salt, keyLength, { N, r, p, maxmem }) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message) });
  }
});
`;

type Reply = { id: number; key?: Uint8Array; error?: string; niceness?: number | null };

class KdfThread {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();

  request(message: { kind: 'scrypt'; password: string; salt: string } | { kind: 'niceness' }): Promise<Reply> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Only while something waits does the thread keep the process alive.
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ ...message, id });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const { N, r, p, keyLength } = SCRYPT_PARAMS;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { N, r, p, keyLength, maxmem: MAX_MEMORY, niceness: KDF_NICENESS } });
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      waiter.resolve(reply);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the KDF thread exited with ${code}`)));
    this.worker = worker;
    return worker;
  }
}

/** One thread per process, shared by Next's bundled copy of this module and the server entry's. */
function kdfThread(): KdfThread {
  const registry = globalThis as unknown as Record<symbol, KdfThread | undefined>;
  const key = Symbol.for('flatnet.kdfThread');
  registry[key] ??= new KdfThread();
  return registry[key]!;
}

/** node:crypto's scrypt on libuv's pool: the fallback if the thread cannot be used. */
function deriveKeyOnPool(password: string, salt: string): Promise<Buffer> {
  const { N, r, p, keyLength } = SCRYPT_PARAMS;
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyLength, { N, r, p, maxmem: MAX_MEMORY }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

async function deriveKey(password: string, salt: string): Promise<Buffer> {
  // The salt is the hex text itself (its UTF-8 bytes), not the bytes it spells: better-auth's format.
  const normalized = password.normalize('NFKC');
  let reply: Reply;
  try {
    reply = await kdfThread().request({ kind: 'scrypt', password: normalized, salt });
  } catch {
    return deriveKeyOnPool(normalized, salt);
  }
  if (reply.error !== undefined || !reply.key) throw new Error(`scrypt failed: ${reply.error ?? 'no key'}`);
  return Buffer.from(reply.key);
}

/** The KDF thread's niceness as it reports it (null where the platform would not lower it). */
export async function kdfThreadNiceness(): Promise<number | null> {
  return (await kdfThread().request({ kind: 'niceness' })).niceness ?? null;
}

/** `salt:key`, both hex, computed on the KDF thread. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES).toString('hex');
  const key = await deriveKey(password, salt);
  return `${salt}:${key.toString('hex')}`;
}

const HEX = /^[0-9a-f]+$/i;

/**
 * Whether `password` matches a stored `salt:key`. A stored value that is not of that shape throws,
 * as better-auth's does (a corrupt row is a bug to see, not a wrong password); the comparison is
 * constant-time.
 */
export async function verifyPassword({ hash, password }: { hash: string; password: string }): Promise<boolean> {
  const [salt, key] = hash.split(':');
  if (!salt || !key || !HEX.test(key) || key.length % 2 !== 0) throw new Error('Invalid password hash');
  const expected = Buffer.from(key, 'hex');
  const actual = await deriveKey(password, salt);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
