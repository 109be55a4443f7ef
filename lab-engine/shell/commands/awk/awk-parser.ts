// The awk language subset learners use on kubectl output, parsed into a small tree (awk-ast.ts):
// pattern-action rules (BEGIN, END, expressions, /regex/, ranges), print/printf, assignments,
// if/while/do/for/for-in, next/exit/break/continue, delete, arrays, fields ($N, $NF), string
// concatenation and the usual operators (awk-expression.ts). Errors read like gawk's
// ("awk: cmd. line:1: syntax error").

import { AwkSyntaxError, type Expr, type Rule, type Stmt } from './awk-ast';
import { expr } from './awk-expression';
import { AwkCursor, lex } from './awk-lexer';

export { AwkSyntaxError, type Expr, type Rule, type Stmt } from './awk-ast';

function simpleEnd(c: AwkCursor): void {
  if (c.isOp(';') || c.peek().t === 'nl') { c.pos++; return; }
  if (c.isOp('}') || c.peek().t === 'eof') return;
  throw c.err();
}

function statement(c: AwkCursor): Stmt {
  c.optNl();
  const t = c.peek();
  if (t.t === 'op' && t.v === '{') {
    c.pos++;
    const body: Stmt[] = [];
    c.skipNl();
    while (!c.isOp('}')) {
      if (c.peek().t === 'eof') throw c.err();
      body.push(statement(c));
      c.skipNl();
    }
    c.pos++;
    return { k: 'block', body };
  }
  if (t.t === 'op' && t.v === ';') { c.pos++; return { k: 'block', body: [] }; }
  if (t.t === 'name') {
    switch (t.v) {
      case 'print':
      case 'printf': {
        c.pos++;
        const args: Expr[] = [];
        c.printArgs++;
        const grouped = c.isOp('(');
        if (!c.isOp(';') && !c.isOp('}') && c.peek().t !== 'nl' && c.peek().t !== 'eof') {
          args.push(expr(c));
          while (c.isOp(',')) { c.pos++; c.optNl(); args.push(expr(c)); }
        }
        c.printArgs--;
        if (c.isOp('>') || c.isOp('>>') || c.isOp('|')) throw new AwkSyntaxError('awk: output redirection from awk is not supported in this terminal');
        // print (a, b) is print a, b
        const flat = grouped && args.length === 1 && args[0].k === 'group' ? [args[0].e] : args;
        simpleEnd(c);
        return { k: t.v, args: flat };
      }
      case 'if': {
        c.pos++;
        c.expectOp('(');
        const test = expr(c);
        c.expectOp(')');
        const then = statement(c);
        const save = c.pos;
        c.skipNl();
        if (c.isName('else')) { c.pos++; return { k: 'if', test, then, else: statement(c) }; }
        c.pos = save;
        return { k: 'if', test, then, else: null };
      }
      case 'while': {
        c.pos++;
        c.expectOp('(');
        const test = expr(c);
        c.expectOp(')');
        return { k: 'while', test, body: statement(c) };
      }
      case 'do': {
        c.pos++;
        const body = statement(c);
        c.skipNl();
        if (!c.isName('while')) throw c.err();
        c.pos++;
        c.expectOp('(');
        const test = expr(c);
        c.expectOp(')');
        simpleEnd(c);
        return { k: 'do', body, test };
      }
      case 'for':
        return forStatement(c);
      case 'next': c.pos++; simpleEnd(c); return { k: 'next' };
      case 'break': c.pos++; simpleEnd(c); return { k: 'break' };
      case 'continue': c.pos++; simpleEnd(c); return { k: 'continue' };
      case 'exit': {
        c.pos++;
        const code = c.isOp(';') || c.isOp('}') || c.peek().t === 'nl' || c.peek().t === 'eof' ? null : expr(c);
        simpleEnd(c);
        return { k: 'exit', code };
      }
      case 'delete': {
        c.pos++;
        const name = c.peek();
        if (name.t !== 'name') throw c.err();
        c.pos++;
        let key: Expr[] | null = null;
        if (c.isOp('[')) {
          c.pos++;
          key = [expr(c)];
          while (c.isOp(',')) { c.pos++; key.push(expr(c)); }
          c.expectOp(']');
        }
        simpleEnd(c);
        return { k: 'delete', name: name.v, key };
      }
      case 'getline':
      case 'function':
      case 'return':
        throw new AwkSyntaxError(`awk: cmd. line:1: '${t.v}' is not supported in this terminal`);
    }
  }
  const e = expr(c);
  simpleEnd(c);
  return { k: 'expr', e };
}

/** `for (init; test; step)` or `for (k in array)`, after the `for`. */
function forStatement(c: AwkCursor): Stmt {
  const toks = c.toks;
  c.pos++;
  c.expectOp('(');
  const a = toks[c.pos];
  const b = toks[c.pos + 1];
  const n = toks[c.pos + 2];
  if (a.t === 'name' && b.t === 'name' && b.v === 'in' && n.t === 'name' && toks[c.pos + 3].t === 'op' && (toks[c.pos + 3] as { v: string }).v === ')') {
    c.pos += 4;
    return { k: 'forin', v: a.v, arr: n.v, body: statement(c) };
  }
  const init = c.isOp(';') ? null : expr(c);
  c.expectOp(';');
  c.optNl();
  const test = c.isOp(';') ? null : expr(c);
  c.expectOp(';');
  c.optNl();
  const step = c.isOp(')') ? null : expr(c);
  c.expectOp(')');
  return { k: 'for', init, test, step, body: statement(c) };
}

function action(c: AwkCursor): Stmt[] {
  const block = statement(c);
  return block.k === 'block' ? block.body : [block];
}

export function parseAwk(src: string): Rule[] {
  const c = new AwkCursor(lex(src));
  const rules: Rule[] = [];
  c.skipNl();
  while (c.peek().t !== 'eof') {
    if (c.isName('BEGIN') || c.isName('END')) {
      const kind = (c.peek() as { v: string }).v === 'BEGIN' ? 'begin' : 'end';
      c.pos++;
      c.optNl();
      if (!c.isOp('{')) throw c.err();
      rules.push({ pattern: { kind }, action: action(c) });
    } else if (c.isOp('{')) {
      rules.push({ pattern: { kind: 'all' }, action: action(c) });
    } else {
      const from = expr(c);
      let pattern: Rule['pattern'] = { kind: 'expr', e: from };
      if (c.isOp(',')) { c.pos++; c.optNl(); pattern = { kind: 'range', from, to: expr(c) }; }
      rules.push({ pattern, action: c.isOp('{') ? action(c) : null });
    }
    c.skipNl();
  }
  return rules;
}
