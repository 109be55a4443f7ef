// Regular expressions a learner types (grep, sed, awk, jq), matched in linear time by re2js.
// A JavaScript RegExp backtracks: `grep -E '(a+)+$'` on a long line froze the process for minutes
// and neither Ctrl-C nor the CPU budget could stop it. `LearnerRegExp` is a RegExp whose `exec` runs
// on RE2, so `test`, `replace`, `matchAll` and `split` keep their JavaScript meaning (the built-ins
// all go through `exec`) while the matching is linear. What RE2 cannot do (backreferences,
// lookahead) comes back as a `LearnerRegexError` for the tool to say in its own words.

import { RE2JS } from 're2js';

/** A pattern RE2 refuses; `message` is tool-neutral, the caller prefixes `grep: ` etc. */
export class LearnerRegexError extends Error {}

export interface LearnerRegexOptions {
  /** Report this capturing group as the match (grep -w wraps the pattern to test its edges). */
  reportGroup?: number;
}

function re2Flags(flags: string): number {
  let f = RE2JS.LOOKBEHINDS;
  if (flags.includes('i')) f |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) f |= RE2JS.MULTILINE;
  if (flags.includes('s')) f |= RE2JS.DOTALL;
  return f;
}

/** RE2's complaint as a learner reads it: what is unsupported, not the engine's internals. */
function explain(source: string, message: string): string {
  if (/invalid escape sequence: `\\[1-9]/.test(message) || /\\[1-9]/.test(source.replace(/\\\\/g, ''))) {
    return 'backreferences are not supported in this lab shell';
  }
  if (/`\(\?[=!]/.test(message) || /`\(\?<[=!]/.test(message)) return 'lookahead is not supported in this lab shell';
  if (/invalid repeat count/.test(message)) return 'Regular expression too big';
  if (/missing closing \)|unexpected \)/.test(message)) return 'Unmatched ( or \\(';
  if (/missing closing \]/.test(message)) return 'Unmatched [, [^, [:, [., or [=';
  return 'Invalid regular expression';
}

function compileRe2(source: string, flags: string): RE2JS {
  try {
    return RE2JS.compile(source, re2Flags(flags));
  } catch (error) {
    throw new LearnerRegexError(explain(source, error instanceof Error ? error.message : String(error)));
  }
}

export class LearnerRegExp extends RegExp {
  private readonly re2: RE2JS;
  private readonly learnerSource: string;
  private readonly options: LearnerRegexOptions;
  /** A matcher reads its whole input when made: reused while `g` walks one string, else 1 MB is quadratic. */
  /**
   * A pattern without repetition or alternation matches fixed-length text, so backtracking cannot
   * explode; V8 runs those about ten times faster than re2js (`sed 's/x/y/g'` on a 1 MB line).
   */
  private readonly native: RegExp | null;
  private lastMatcher: { text: string; matcher: ReturnType<RE2JS['matcher']> } | null = null;

  constructor(pattern: string | LearnerRegExp, flags = '', options: LearnerRegexOptions = {}) {
    // The JavaScript engine only holds the flags (built-ins read them); it never matches.
    super('(?:)', flags);
    if (pattern instanceof LearnerRegExp) {
      this.learnerSource = pattern.learnerSource;
      this.options = pattern.options;
      this.re2 = pattern.re2;
    } else {
      this.learnerSource = pattern;
      this.options = options;
      this.re2 = compileRe2(pattern, flags);
    }
    this.native = !this.options.reportGroup && isFixedLength(this.learnerSource) ? safeNative(this.learnerSource, flags) : null;
  }

  get source(): string {
    return this.learnerSource;
  }

  exec(input: string): RegExpExecArray | null {
    const text = String(input);
    if (this.native) {
      this.native.lastIndex = this.lastIndex;
      const found = RegExp.prototype.exec.call(this.native, text);
      this.lastIndex = this.native.lastIndex;
      return found;
    }
    const scanning = this.global || this.sticky;
    const from = scanning ? this.lastIndex : 0;
    if (from > text.length) {
      this.lastIndex = 0;
      return null;
    }
    const m = this.matcherFor(text);
    const group = this.options.reportGroup ?? 0;
    if (!m.find(from) || (this.sticky && m.start() !== from)) {
      if (scanning) this.lastIndex = 0;
      return null;
    }
    const groups: (string | undefined)[] = [];
    for (let g = 0; g <= m.groupCount(); g++) groups.push(m.group(g) ?? undefined);
    const reported = groups[group] ?? '';
    const result = [reported, ...groups.slice(1)] as unknown as RegExpExecArray;
    result.index = group ? m.start(group) : m.start();
    result.input = text;
    const named = this.re2.namedGroups();
    result.groups = Object.keys(named).length
      ? Object.fromEntries(Object.entries(named).map(([k, i]) => [k, groups[i] as string]))
      : undefined;
    if (scanning) this.lastIndex = group ? m.end(group) : m.end();
    return result;
  }

  private matcherFor(text: string): ReturnType<RE2JS['matcher']> {
    if (this.lastMatcher?.text !== text) this.lastMatcher = { text, matcher: this.re2.matcher(text) };
    return this.lastMatcher.matcher;
  }

  // A RegExp subclass leaves V8's fast paths; a fixed-length pattern goes back to them whole.
  [Symbol.replace](input: string, replacement: string | ((substring: string, ...args: unknown[]) => string)): string {
    if (!this.native) return super[Symbol.replace](input, replacement as string);
    this.native.lastIndex = this.lastIndex;
    const result = this.native[Symbol.replace](input, replacement as string);
    this.lastIndex = this.native.lastIndex;
    return result;
  }

  [Symbol.matchAll](input: string): RegExpStringIterator<RegExpMatchArray> {
    if (!this.native) return super[Symbol.matchAll](input);
    this.native.lastIndex = this.lastIndex;
    return this.native[Symbol.matchAll](input);
  }

  /** Linear split: the built-in one probes every position with a sticky copy. */
  [Symbol.split](input: string, limit?: number): string[] {
    if (this.native) return this.native[Symbol.split](input, limit);
    const text = String(input);
    const max = limit === undefined ? Infinity : limit >>> 0;
    const parts: string[] = [];
    if (max === 0) return parts;
    if (text === '') return this.re2.matcher(text).find(0) ? [] : [text];
    const m = this.re2.matcher(text);
    let last = 0;
    let from = 0;
    while (from < text.length && m.find(from)) {
      const start = m.start();
      const end = m.end();
      if (start >= text.length) break;
      if (end === start) {
        if (start === last) { from = start + 1; continue; }
      }
      parts.push(text.slice(last, start));
      if (parts.length >= max) return parts;
      for (let g = 1; g <= m.groupCount(); g++) {
        parts.push(m.group(g) as string);
        if (parts.length >= max) return parts;
      }
      last = end;
      from = end > start ? end : end + 1;
    }
    parts.push(text.slice(last));
    return parts;
  }
}

function isFixedLength(source: string): boolean {
  return !/[*+?{|]/.test(source.replace(/\\[\s\S]/g, ''));
}

function safeNative(source: string, flags: string): RegExp | null {
  try {
    return new RegExp(source, flags);
  } catch {
    return null;
  }
}

/** Compiles a learner's pattern (JavaScript syntax, already translated from BRE/ERE). */
export function learnerRegex(source: string, flags = '', options: LearnerRegexOptions = {}): LearnerRegExp {
  // awk compiles `$0 ~ re` and FS once per record: keep the last few programs.
  const key = `${flags}/${options.reportGroup ?? 0}/${source}`;
  // The cached one never matches, so it holds no learner text (a matcher keeps its input).
  let template = recent.get(key);
  if (!template) {
    template = new LearnerRegExp(source, flags, options);
    if (recent.size >= 64) recent.delete(recent.keys().next().value as string);
    recent.set(key, template);
  }
  return new LearnerRegExp(template, flags);
}

const recent = new Map<string, LearnerRegExp>();
