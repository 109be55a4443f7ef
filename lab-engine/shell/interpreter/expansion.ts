// Word expansion at run time: `$VAR` and the special parameters, `${...}` operators, `$(...)`
// (the inner script's stdout, trailing newlines removed, with its status as `$?`) and `$((...))`.
// Unquoted expansions are split into fields on blanks and newlines; quoted parts and literal text
// never are. `${V:?message}` on an unset V throws ExpansionAbort: the command must not run.

import { MAX_WORD_BYTES } from '../../core/limits';
import type { ParameterOp, Script, Word, WordPart } from '../syntax';
import { evaluateArithmetic } from './arithmetic';
import { Capture, type Out } from './output';
import { removeAffix, replaceGlob, substring } from './parameter-expansion';
import type { ShellState, Stdin } from './shell-state';

/** An expansion that ends the command before it runs (`${V:?}` on an unset V); `endsRun` ends the whole input. */
export class ExpansionAbort extends Error {
  constructor(readonly endsRun = false) {
    super('expansion aborted');
  }
}

/** How a `$(...)` runs its script: the interpreter hands in its own runScript. */
export type RunScript = (script: Script, stdin: Stdin, out: Out) => Promise<number>;

export class Expander {
  /** Each redirect target's expansion, kept for when the redirect is applied after the command. */
  private readonly lastTargets = new WeakMap<Word, string>();

  constructor(
    private readonly state: ShellState,
    private readonly runScript: RunScript,
  ) {}

  /** A redirect target was expanded before the command ran; here only its literal text is needed again. */
  targetText(word: Word): string {
    return this.lastTargets.get(word) ?? word.parts.map((p) => (p.kind === 'literal' ? p.text : '')).join('');
  }

  /** One word's value without field splitting (assignments, redirect targets, here-documents). */
  async expandJoined(word: Word, out: Out): Promise<string> {
    let text = '';
    for (const part of word.parts) text = this.grow(text, await this.partValue(part, out), out);
    this.lastTargets.set(word, text);
    return text;
  }

  /**
   * One word's fields: unquoted `$VAR`, `$(...)` and `$((...))` split on blanks and newlines; quoted
   * parts and literal text never split; a word made only of empty unquoted expansions disappears.
   */
  async expandFields(word: Word, out: Out): Promise<string[]> {
    const fields: string[] = [];
    let current = '';
    let started = false;
    for (const part of word.parts) {
      const value = await this.partValue(part, out);
      if (part.kind === 'literal' || part.quoted) {
        current = this.grow(current, value, out);
        started = true;
        continue;
      }
      const pieces = value.split(/[ \t\n]+/);
      pieces.forEach((piece, i) => {
        if (i > 0) {
          if (started) fields.push(current);
          current = '';
          started = false;
        }
        if (piece) {
          current = this.grow(current, piece, out);
          started = true;
        }
      });
    }
    if (started) fields.push(current);
    return fields;
  }

  private async partValue(part: Word['parts'][number], out: Out): Promise<string> {
    switch (part.kind) {
      case 'literal':
        return part.text;
      case 'variable':
        return this.variable(part.name);
      case 'command-sub': {
        const capture = new Capture(out);
        this.state.lastExitCode = await this.runScript(part.script, { text: '', pos: 0 }, capture);
        return capture.text.replace(/\n+$/, '');
      }
      case 'arith': {
        const result = evaluateArithmetic(part.expression, (name) => this.variable(name));
        if (result.ok) return String(result.value);
        out.write('stderr', `${result.message}\n`);
        return '';
      }
      case 'parameter':
        return this.parameter(part.name, part.op, out);
      default: {
        const never: never = part;
        return never;
      }
    }
  }

  /** The text of parts inside an operator's word, without field splitting. */
  private async textOf(parts: readonly WordPart[], out: Out): Promise<string> {
    let text = '';
    for (const p of parts) text = this.grow(text, await this.partValue(p, out), out);
    return text;
  }

  /** `text + more`, unless the word would pass MAX_WORD_BYTES: then the input stops, as bash's xmalloc would. */
  private grow(text: string, more: string, out: Out): string {
    if (text.length + more.length <= MAX_WORD_BYTES) return text + more;
    out.write('stderr', `bash: xmalloc: cannot allocate ${text.length + more.length} bytes (word longer than ${MAX_WORD_BYTES} bytes in this lab shell)\n`);
    throw new ExpansionAbort(true);
  }

  private isSet(name: string): boolean {
    return name === '?' || name === '$' || name === '#' || name === '0' || Object.hasOwn(this.state.env, name);
  }

  private async parameter(name: string, op: ParameterOp, out: Out): Promise<string> {
    const value = this.variable(name);
    const arithmetic = (expression: string) => {
      const r = evaluateArithmetic(expression, (n) => this.variable(n));
      if (!r.ok) out.write('stderr', `${r.message}\n`);
      return r.ok ? r.value : 0;
    };
    switch (op.kind) {
      case 'plain':
        return value;
      case 'length':
        return String([...value].length);
      case 'default':
      case 'assign':
      case 'alternative':
      case 'error': {
        const absent = !this.isSet(name) || (op.colon && value === '');
        if (op.kind === 'alternative') return absent ? '' : this.textOf(op.word, out);
        if (!absent) return value;
        const word = await this.textOf(op.word, out);
        if (op.kind === 'assign') this.state.env[name] = word;
        if (op.kind === 'error') {
          out.write('stderr', `bash: ${name}: ${word || 'parameter null or not set'}\n`);
          throw new ExpansionAbort();
        }
        return word;
      }
      case 'remove-prefix':
      case 'remove-suffix':
        return removeAffix(value, await this.textOf(op.pattern, out), op.kind === 'remove-prefix' ? 'prefix' : 'suffix', op.longest);
      case 'replace':
        return replaceGlob(value, await this.textOf(op.pattern, out), await this.textOf(op.replacement, out), op.mode);
      case 'substring':
        return substring(value, arithmetic(op.offset), op.length === undefined ? undefined : arithmetic(op.length));
      default: {
        const never: never = op;
        return never;
      }
    }
  }

  private variable(name: string): string {
    switch (name) {
      case '?':
        return String(this.state.lastExitCode);
      case '$':
        return '4242';
      case '#':
        return '0';
      case '0':
        return 'bash';
      default:
        return this.state.env[name] ?? '';
    }
  }
}
