// The REPL tells its host where the shell stands (prompt, busy, continuation) with the count of
// finished inputs, and runs a lesson's wait conditions in turn with the lines typed: what lets a
// page's Run block type only at a prompt and wait for a pod before the next block.

import { describe, expect, it } from 'vitest';
import type { ShellState, WaitCondition } from '../protocol';
import { runRepl } from './repl';
import { replHarness } from './repl-test-kit';

/** `speed`: how many times faster than the test's wall clock simulated time runs (pods start in ~5 s of it). */
async function startRepl(speed = 1) {
  const { wait, runtime, input, output, screen } = await replHarness();
  const states: Array<[ShellState, number]> = [];
  let enqueue: (condition: WaitCondition) => void = () => undefined;
  const started = Date.now();
  const done = runRepl({
    runtime,
    input,
    output,
    wallNow: () => started + (Date.now() - started) * speed,
    wait,
    tickMs: 50,
    acceptWaits: (accept) => {
      enqueue = accept;
    },
    hooks: { onShellState: (state, inputs) => states.push([state, inputs]) },
  });
  // A bound for a loaded machine, not a timing assertion: the pod's start runs on the wall clock.
  const until = async (pred: () => boolean, what: string, ms = 15_000) => {
    const start = Date.now();
    while (!pred()) {
      if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}; screen was:\n${JSON.stringify(screen().slice(-800))}\nstates: ${JSON.stringify(states)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const last = () => states.at(-1);
  return { type: (keys: string) => input.write(keys), until, done, screen, states, last, waitFor: (c: WaitCondition) => enqueue(c), resize: () => output.emit('resize') };
}

const webReady: WaitCondition = { until: 'ready', kind: 'pod', namespace: 'default', name: 'web' };

describe('shell state and lesson waits', () => {
  it('says prompt at the start, busy while an input runs, prompt with one more input after, continuation inside a quote', async () => {
    const r = await startRepl();
    await r.until(() => r.last()?.[0] === 'prompt', 'the first prompt');
    expect(r.states[0]).toEqual(['prompt', 0]);
    r.type('sleep 1; echo slept\r');
    await r.until(() => r.last()?.[0] === 'busy', 'busy');
    expect(r.last()).toEqual(['busy', 0]);
    await r.until(() => r.screen().includes('slept'), 'the output');
    await r.until(() => r.last()?.[0] === 'prompt', 'the prompt again');
    expect(r.last()).toEqual(['prompt', 1]);
    r.type("echo 'open\r");
    await r.until(() => r.last()?.[0] === 'continuation', 'continuation');
    r.type("quote'\r");
    await r.until(() => r.last()?.[0] === 'prompt' && r.last()?.[1] === 2, 'the quoted input to finish');
    r.type('exit\r');
    expect(await r.done).toBe(0);
  });

  it('a terminal resized while a command runs gets no stray prompt in its output; at a prompt the line is redrawn', async () => {
    const r = await startRepl();
    await r.until(() => r.last()?.[0] === 'prompt', 'the first prompt');
    r.type('sleep 1; echo after-$((1+1))\r');
    await r.until(() => r.last()?.[0] === 'busy', 'busy');
    const start = r.screen().length;
    r.resize();
    await r.until(() => r.screen().includes('after-2\n'), 'the output');
    expect(r.screen().slice(start, r.screen().indexOf('after-2\n'))).not.toContain('learner@workstation');
    await r.until(() => r.last()?.[0] === 'prompt', 'the prompt');
    const atPrompt = r.screen().length;
    r.resize();
    await r.until(() => r.screen().slice(atPrompt).includes('learner@workstation'), 'the redrawn prompt');
    r.type('exit\r');
    await r.done;
  });

  it('runs a wait after the line before it, holds the prompt until the pod is Ready, and counts it as one input', async () => {
    const r = await startRepl(3);
    await r.until(() => r.last()?.[0] === 'prompt', 'the first prompt');
    // Sent together, as a page does when a Run block declares waitFor: the wait must not overtake the line.
    r.type('kubectl run web --image=nginx\r');
    r.waitFor(webReady);
    await r.until(() => r.last()?.[0] === 'prompt' && r.last()?.[1] === 2, 'the line and the wait to finish');
    expect(r.screen()).toMatch(/pod\/web created[\s\S]*… waiting for pod\/web to be Ready, as the lesson's next step needs it[\s\S]*✓ pod\/web is Ready/);
    r.type('kubectl get pod web\r');
    await r.until(() => /web\s+1\/1\s+Running/.test(r.screen()), 'the pod to read Running right after the wait');
    // A condition that already holds passes without a word.
    const before = r.screen().length;
    r.waitFor(webReady);
    await r.until(() => r.last()?.[0] === 'prompt' && r.last()?.[1] === 4, 'the second wait');
    expect(r.screen().slice(before)).not.toMatch(/waiting|Ready/);
    r.type('exit\r');
    await r.done;
  });

  it('Ctrl-C stops a wait, and a wait that never holds gives up and says where to look', async () => {
    const r = await startRepl(40);
    await r.until(() => r.last()?.[0] === 'prompt', 'the first prompt');
    r.waitFor({ until: 'ready', kind: 'pod', namespace: 'default', name: 'ghost' });
    await r.until(() => r.screen().includes('waiting for pod/ghost'), 'the notice');
    r.type('\x03');
    await r.until(() => r.screen().includes('stopped waiting for pod/ghost to be Ready'), 'the interruption');
    await r.until(() => r.last()?.[0] === 'prompt' && r.last()?.[1] === 1, 'the prompt');
    r.waitFor({ until: 'rollout', kind: 'deployment', namespace: 'shop', name: 'gone' });
    await r.until(() => r.screen().includes('still waiting for the rollout of deployment/gone in shop to finish after 90 s'), 'the timeout', 8000);
    expect(r.screen()).toContain('`kubectl describe deployment/gone -n shop` says why');
    r.type('exit\r');
    await r.done;
  });
});
