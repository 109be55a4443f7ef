// A here-document typed or pasted into the REPL costs time linear in its lines (issue 14): the
// REPL used to re-parse everything pending on every line, so 20k lines took 8 s.

import { describe, expect, it } from 'vitest';
import { runRepl } from './repl';
import { replHarness } from './repl-test-kit';

describe('REPL here-documents', () => {
  it('takes a 20,000-line here-document in well under a second of CPU', async () => {
    const { wait, runtime, input, output, screen } = await replHarness();
    const tail = () => screen().slice(-2000);
    void runRepl({ runtime, input, output, wallNow: () => Date.now(), wait, history: [], tickMs: 50 });
    const body = Array.from({ length: 20_000 }, (_, i) => `line ${i}`).join('\n');
    const before = process.cpuUsage();
    input.write(`cat <<EOF | wc -l\n${body}\nEOF\necho ok\n`);
    const start = Date.now();
    while (!/20000\r?\n[\s\S]*ok/.test(tail()) && Date.now() - start < 20_000) await new Promise((r) => setTimeout(r, 10));
    const used = process.cpuUsage(before);
    expect(tail()).toMatch(/20000\r?\n/);
    expect((used.user + used.system) / 1000).toBeLessThan(1500);
    input.end();
  }, 30_000);
});
