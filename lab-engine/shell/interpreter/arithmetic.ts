// `$((...))`: bash's integer arithmetic, the part learners use in loops (`$((i+1))`,
// `$((n % 2))`, comparisons). Precedence climbing over a token list; variables read through a
// lookup (an unset or non-numeric variable is 0, as in bash). Errors use bash's wording.

export type ArithResult = { ok: true; value: number } | { ok: false; message: string };

const BINARY: Record<string, [number, (a: number, b: number) => number]> = {
  '||': [1, (a, b) => Number(a !== 0 || b !== 0)],
  '&&': [2, (a, b) => Number(a !== 0 && b !== 0)],
  '==': [3, (a, b) => Number(a === b)],
  '!=': [3, (a, b) => Number(a !== b)],
  '<': [4, (a, b) => Number(a < b)],
  '<=': [4, (a, b) => Number(a <= b)],
  '>': [4, (a, b) => Number(a > b)],
  '>=': [4, (a, b) => Number(a >= b)],
  '+': [5, (a, b) => a + b],
  '-': [5, (a, b) => a - b],
  '*': [6, (a, b) => a * b],
  '/': [6, (a, b) => Math.trunc(a / b)],
  '%': [6, (a, b) => a % b],
  '**': [7, (a, b) => a ** b],
};

class ArithError extends Error {}

export function evaluateArithmetic(expression: string, lookup: (name: string) => string): ArithResult {
  const tokens = expression.match(/\s+|\d+|\$?[A-Za-z_][A-Za-z0-9_]*|\*\*|[<>=!]=|&&|\|\||[-+*/%()<>!]|./g) ?? [];
  const list = tokens.filter((t) => !/^\s+$/.test(t));
  let pos = 0;
  let nest = 0;
  const fail = (token: string | undefined) =>
    new ArithError(`bash: ${expression.trim()}: syntax error: ${token === undefined ? 'operand expected' : 'invalid arithmetic operator'} (error token is "${token ?? ''}")`);

  const primary = (): number => {
    const t = list[pos++];
    if (t === undefined) throw fail(undefined);
    if (t === '(') {
      if (++nest > 256) throw new ArithError(`bash: ${expression.trim()}: expression nested too deeply`);
      const v = binary(0);
      nest--;
      if (list[pos++] !== ')') throw fail(list[pos - 1]);
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '!') return Number(primary() === 0);
    if (/^\d+$/.test(t)) return Number(t);
    if (/^\$?[A-Za-z_]/.test(t)) {
      const raw = lookup(t.replace(/^\$/, '')).trim();
      return /^-?\d+$/.test(raw) ? Number(raw) : 0;
    }
    throw fail(t);
  };

  const binary = (minPrec: number): number => {
    let left = primary();
    for (;;) {
      const op = list[pos];
      const entry = op === undefined ? undefined : BINARY[op];
      if (!entry || entry[0] < minPrec) return left;
      pos++;
      // `**` is right-associative; the rest bind left.
      const right = binary(op === '**' ? entry[0] : entry[0] + 1);
      if ((op === '/' || op === '%') && right === 0) throw new ArithError(`bash: ${expression.trim()}: division by 0 (error token is "${list[pos - 1] ?? ''}")`);
      left = entry[1](left, right);
    }
  };

  try {
    if (list.length === 0) return { ok: true, value: 0 };
    const value = binary(0);
    if (pos < list.length) throw fail(list[pos]);
    return { ok: true, value: Number.isFinite(value) ? value : 0 };
  } catch (error) {
    if (error instanceof ArithError) return { ok: false, message: error.message };
    throw error;
  }
}
