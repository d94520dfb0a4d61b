// Population filters of SPEC §3.3: a field path maps to a value, a list (any of), or an
// operator object (eq, ne, in, nin, gt, gte, lt, lte, exists); all keys must hold. On a record
// lacking the field, eq/in/gt/gte/lt/lte and exists:true are false; ne, nin and exists:false
// true. Defaults of §1.6 count as present (fieldGetter applies them).
import type { Filter } from '../ledger/schema.js';
import type { Columns } from './columns.js';
import { fieldGetter } from './prepare.js';

type Scalar = string | number | boolean;
type Operators = { eq?: Scalar; ne?: Scalar; in?: Scalar[]; nin?: Scalar[]; gt?: Scalar; gte?: Scalar; lt?: Scalar; lte?: Scalar; exists?: boolean };

/** Equality across the ways YAML may type the same thing (`customer: 1042` vs `"1042"`). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((typeof a === 'number' && typeof b === 'string') || (typeof a === 'string' && typeof b === 'number')) {
    return String(a) === String(b);
  }
  return false;
}

/** Order: numbers numerically, anything else as text (ISO dates and timestamps sort as text). */
function compare(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (a === undefined || a === null || typeof a === 'object') return undefined;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function holds(value: unknown, condition: unknown): boolean {
  const present = value !== undefined && value !== null;
  if (Array.isArray(condition)) return present && condition.some((c) => same(value, c));
  if (condition === null || typeof condition !== 'object') return present && same(value, condition);
  const op = condition as Operators;
  if (op.exists !== undefined && present !== op.exists) return false;
  if (op.eq !== undefined && !(present && same(value, op.eq))) return false;
  if (op.ne !== undefined && present && same(value, op.ne)) return false;
  if (op.in !== undefined && !(present && op.in.some((c) => same(value, c)))) return false;
  if (op.nin !== undefined && present && op.nin.some((c) => same(value, c))) return false;
  const cmp = (bound: Scalar | undefined, ok: (c: number) => boolean) => {
    if (bound === undefined) return true;
    if (!present) return false;
    const c = compare(value, bound);
    return c !== undefined && ok(c);
  };
  return cmp(op.gt, (c) => c > 0) && cmp(op.gte, (c) => c >= 0) && cmp(op.lt, (c) => c < 0) && cmp(op.lte, (c) => c <= 0);
}

/** Whether record i (of the columns) passes. */
export type Predicate = (cols: Columns, i: number) => boolean;

export function compileFilter(filter: Filter | undefined): Predicate | undefined {
  if (!filter) return undefined;
  const entries = Object.entries(filter).map(([path, condition]) => ({ get: fieldGetter(path), condition }));
  if (entries.length === 0) return undefined;
  return (cols, i) => entries.every((e) => holds(e.get(cols, i), e.condition));
}
