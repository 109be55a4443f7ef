// The sign-in flood of the "sign-in flood" bench, as its own process so its requests cost the
// server what a remote client's do and nothing in the benchmark's own process:
// `node --import tsx sign-in-flood-client.ts URL EMAIL PER_SECOND [wrong-password|oversized]`. Sends
// a wrong password for EMAIL to better-auth's sign-in API PER_SECOND times a second, on a fixed
// schedule whatever the answers (an open loop, as a flood is), until SIGTERM; then prints one JSON
// line: the HTTP statuses counted and the answer times. `oversized` sends a password over the field
// limit instead, refused (400) before any lookup or hash: the same requests without the KDF work.

import { percentile, round } from './stats';

const [url, email, perSecondText, mode = 'wrong-password'] = process.argv.slice(2);
const perSecond = Number(perSecondText);
if (!url || !email || !(perSecond > 0) || !['wrong-password', 'oversized'].includes(mode)) {
  process.stderr.write('usage: sign-in-flood-client.ts URL EMAIL PER_SECOND [wrong-password|oversized]\n');
  process.exit(2);
}
/** Over FIELD_LIMITS.password (128) in app/_server/auth-guard.ts. */
const password = mode === 'oversized' ? 'x'.repeat(200) : 'a wrong password guess';

const statuses: Record<string, number> = {};
const answerMs: number[] = [];
let inFlight = 0;

async function signIn(): Promise<void> {
  inFlight += 1;
  const started = performance.now();
  let status = 'error';
  try {
    const response = await fetch(`${url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ email, password }),
    });
    await response.arrayBuffer();
    status = String(response.status);
  } catch {
    // refused connection or reset: counted as 'error'
  } finally {
    inFlight -= 1;
    statuses[status] = (statuses[status] ?? 0) + 1;
    answerMs.push(performance.now() - started);
  }
}

const timer = setInterval(() => void signIn(), 1000 / perSecond);

process.once('SIGTERM', async () => {
  clearInterval(timer);
  const deadline = Date.now() + 10_000;
  while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const sent = Object.values(statuses).reduce((sum, n) => sum + n, 0);
  process.stdout.write(
    `${JSON.stringify({ sent, statuses, answerMs: { p50: round(percentile(answerMs, 50), 1), p99: round(percentile(answerMs, 99), 1) } })}\n`,
  );
  process.exit(0);
});
process.stdout.write('flooding\n');
