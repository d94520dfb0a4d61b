// --format, checked against what a command can write (exit 2 naming the choices otherwise).
import { UsageError } from '../errors.js';
import type { IO } from '../io/io.js';

export function formatOption<T extends string>(io: IO, value: string | undefined, allowed: readonly T[], fallback: T): T {
  const format = value ?? fallback;
  if (!(allowed as readonly string[]).includes(format)) {
    throw new UsageError(io.t('error.bad-format-option', { value: format, allowed: allowed.join(', ') }));
  }
  return format as T;
}
