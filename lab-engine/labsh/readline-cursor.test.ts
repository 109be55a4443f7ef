import { createInterface, Interface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { installFastCursorPos } from './readline-cursor';

function terminal(columns: number) {
  const input = new PassThrough();
  const output = Object.assign(new PassThrough(), { columns, rows: 24, isTTY: true });
  const rl = createInterface({ input, output, terminal: true });
  installFastCursorPos(rl);
  return rl as Interface & { line: string; cursor: number };
}

describe('the fast cursor position', () => {
  const open: Interface[] = [];
  afterEach(() => {
    for (const rl of open.splice(0)) rl.close();
  });

  it('is readline\'s own answer for every prompt, line, cursor and width tried', () => {
    const prompts = ['$ ', '\x1b[1;32malice@lab\x1b[0m:~$ ', 'root@node-1:/# ', '> ', 'pod 🙂 $ ', 'a\tb$ ', ''];
    const lines = ['', 'kubectl get pods -A', 'x'.repeat(250), 'echo "naïve"', 'echo 日本語', 'a\tb', 'curl http://web.default.svc:80/ | jq .'];
    let compared = 0;
    for (const columns of [10, 37, 80, 100]) {
      const rl = terminal(columns);
      open.push(rl);
      for (const prompt of prompts) {
        rl.setPrompt(prompt);
        for (const line of lines) {
          for (const cursor of new Set([0, 1, Math.floor(line.length / 2), line.length - 1, line.length].filter((c) => c >= 0 && c <= line.length))) {
            rl.line = line;
            rl.cursor = cursor;
            expect(rl.getCursorPos(), JSON.stringify({ columns, prompt, line, cursor })).toEqual(Interface.prototype.getCursorPos.call(rl));
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('follows a resize', () => {
    const rl = terminal(80);
    open.push(rl);
    rl.setPrompt('$ ');
    rl.line = 'x'.repeat(100);
    rl.cursor = 100;
    expect(rl.getCursorPos()).toEqual({ cols: 22, rows: 1 });
    (rl as unknown as { output: { columns: number } }).output.columns = 40;
    expect(rl.getCursorPos()).toEqual({ cols: 22, rows: 2 });
    expect(rl.getCursorPos()).toEqual(Interface.prototype.getCursorPos.call(rl));
  });
});
