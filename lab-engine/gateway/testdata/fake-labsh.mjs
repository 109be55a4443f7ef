// A stand-in for labsh that speaks the control protocol, for gateway tests that must not
// depend on the simulator: prints a prompt, echoes lines, reports its init and snapshots.
import { connect } from 'node:net';
import { createInterface } from 'node:readline';

const socket = connect(process.env.FLATNET_CONTROL_SOCKET);
socket.setEncoding('utf8');
socket.write(JSON.stringify({ type: 'hello', token: process.env.FLATNET_SESSION_TOKEN }) + '\n');
let buffer = '';
let state = { count: 0 };
// Where the shell stands, as labsh tells it (protocol/shell-state.ts); a wait counts as one input.
let inputs = 0;
const tellShell = (shell) => socket.write(JSON.stringify({ type: 'shell', state: shell, inputs }) + '\n');
socket.on('data', (chunk) => {
  buffer += chunk;
  const lines = buffer.split('\n');
  buffer = lines.pop();
  for (const line of lines) {
    const message = JSON.parse(line);
    if (message.type === 'wait') {
      tellShell('busy');
      process.stdout.write(`waited for ${message.condition.kind}/${message.condition.name}\n`);
      inputs += 1;
      tellShell('prompt');
      continue;
    }
    if (message.type === 'request-snapshot') {
      socket.write(JSON.stringify({ type: 'snapshot', snapshot: { version: 1, cluster: state } }) + '\n');
      continue;
    }
    if (message.type !== 'init') continue;
    if (message.snapshot) state = message.snapshot.cluster;
    process.stdout.write(`init lab=${message.labId} restored=${message.snapshot ? 'yes' : 'no'} count=${state.count}${message.lab ? ` title=${message.lab.title}` : ''}\n`);
    socket.write(JSON.stringify({ type: 'ready' }) + '\n');
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true, prompt: '$ ' });
    rl.prompt();
    tellShell('prompt');
    rl.on('line', async (text) => {
      tellShell('busy');
      if (text === 'env') process.stdout.write(Object.keys(process.env).sort().join(',') + '\n');
      else if (text.startsWith('flood ')) {
        // A `yes`-like flood of N megabytes, written as fast as the pty takes it.
        const chunk = 'y\n'.repeat(32 * 1024);
        const total = Number(text.slice(6)) * 1024 * 1024;
        for (let sent = 0; sent < total; sent += chunk.length) {
          // Writes to a tty block; yield so typed keys are still read and echoed, as in a real shell.
          if (!process.stdout.write(chunk)) await new Promise((r) => process.stdout.once('drain', r));
          await new Promise((r) => setImmediate(r));
        }
        process.stdout.write('flood done\n');
      } else if (text.startsWith('walk ')) {
        // A `trace` walk as labsh sends it.
        const trace = { probe: { dst: '10.96.0.10', protocol: 'tcp', dport: 80 }, hops: [{ kind: 'deliver', netns: 'pod/default/web', headers: {} }], outcome: { kind: 'delivered' }, replied: true, decidedAt: 0 };
        socket.write(JSON.stringify({ type: 'walk', source: 'pod default/client', destination: text.slice(5), trace }) + '\n');
        process.stdout.write('walked\n');
      } else if (text === 'quietly') {
        // Changes the state without sending a snapshot: only a requested one carries it.
        state.count += 1;
        process.stdout.write('quiet change\n');
        inputs += 1;
        rl.prompt();
        tellShell('prompt');
        return;
      } else if (text === 'spin') {
        for (;;);
      } else process.stdout.write(`you said: ${text}\n`);
      state.count += 1;
      socket.write(JSON.stringify({ type: 'snapshot', snapshot: { version: 1, cluster: state } }) + '\n');
      socket.write(JSON.stringify({ type: 'checks', results: [{ checkId: 'said', passed: true, feedbackId: 'ok', params: {}, reason: `count ${state.count}` }] }) + '\n');
      socket.write(JSON.stringify({ type: 'command', line: text, exitCode: 0 }) + '\n');
      inputs += 1;
      rl.prompt();
      tellShell('prompt');
    });
  }
});
