// The terminal bench's end of terminal-load-client.ts: starts the client as a child process and
// sends it commands, one JSON line each, matching the answers by id. The client's pid is what the
// bench leaves out of the gateway's process tree when it reads memory.

import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface ClientCounts {
  /** Terminals held at their prompt. */
  held: number;
  /** Held terminals whose socket closed when nobody asked, since the client started. */
  disconnects: number;
}

export interface EchoSummary {
  count: number;
  p50?: number;
  p99?: number;
  max?: number;
}

export type OpenAnswer = ClientCounts & { opened: number; failedAttempts: string[]; errors: string[] };
export type ReadyAnswer = ClientCounts & { ms?: number; error?: string };
export type TypeAnswer = ClientCounts & { echoMs: EchoSummary; lostEchoes: number; clientLoopDelayMs: { p99: number; max: number } };

type Answer = ClientCounts & { id: number; error?: string } & Record<string, unknown>;

export class LoadClient {
  private nextId = 1;
  private readonly waiting = new Map<number, (answer: Answer) => void>();

  private constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const answer = JSON.parse(line) as Answer;
      const resolve = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      resolve?.(answer);
    });
  }

  static async start(cwd: string, url: string, cookie: string): Promise<LoadClient> {
    const script = fileURLToPath(new URL('./terminal-load-client.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, url, cookie], { cwd, stdio: ['pipe', 'pipe', 'inherit'] });
    const client = new LoadClient(child);
    await new Promise<void>((resolve, reject) => {
      client.waiting.set(0, () => resolve());
      child.once('exit', (code) => reject(new Error(`the load client exited with ${code}`)));
    });
    child.on('exit', (code) => {
      for (const resolve of client.waiting.values()) resolve({ id: -1, held: 0, disconnects: 0, error: `the load client exited with ${code}` });
      client.waiting.clear();
    });
    return client;
  }

  get pid(): number {
    return this.child.pid!;
  }

  private request(command: Record<string, unknown>): Promise<Answer> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.stdin!.write(`${JSON.stringify({ id, ...command })}\n`);
    });
  }

  async open(attempts: string[]): Promise<OpenAnswer> {
    return (await this.request({ op: 'open', attempts })) as unknown as OpenAnswer;
  }

  async ready(attempt: string): Promise<ReadyAnswer> {
    return (await this.request({ op: 'ready', attempt })) as ReadyAnswer;
  }

  async type(keys: number, intervalMs: number, untilStopped = false): Promise<TypeAnswer> {
    const answer = await this.request({ op: 'type', keys, intervalMs, untilStopped });
    if (answer.error) throw new Error(answer.error);
    return answer as unknown as TypeAnswer;
  }

  async stopTyping(): Promise<void> {
    await this.request({ op: 'stop-typing' });
  }

  async stats(): Promise<ClientCounts> {
    return this.request({ op: 'stats' });
  }

  async closeAll(): Promise<void> {
    await this.request({ op: 'close' });
  }

  async exit(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin!.end(`${JSON.stringify({ id: this.nextId++, op: 'exit' })}\n`);
    await exited;
  }
}
