// A flag that takes a code of the file format (--outcome, --step, --type, --category): the code,
// or its word in the user's language (`--outcome resuelto`), gives the code; anything else is
// exit 2 naming what is accepted, codes with their words, and the closest one.
import { UsageError } from '../errors.js';
import type { IO } from '../io/io.js';
import { acceptedLabels, codeFromInput, labelOf, type LabelGroup } from '../i18n/labels.js';
import { closest } from '../ledger/values.js';

export function codeOption<T extends string>(io: IO, flag: string, value: string, codes: readonly T[], group?: LabelGroup): T {
  const code = group ? codeFromInput(io.lang, group, codes, value) : codes.includes(value as T) ? value : undefined;
  if (code !== undefined) return code as T;
  const words = group ? codes.map((c) => labelOf(io.t, group, c)) : [];
  const suggestion = closest(value, [...codes, ...words]);
  throw new UsageError(
    io.t('error.bad-choice', { flag, value, allowed: group ? acceptedLabels(io.t, group, codes, io.lang) : codes.join(', ') }),
    suggestion ? io.t('hint.didYouMean', { suggestion }) : undefined,
  );
}
