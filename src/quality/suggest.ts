// Corrective and preventive actions from the catalogue (shipped templates/suggestions/<lang>.yaml,
// extended — and overridden by id — by the ledger's suggestions.yaml), chosen by indicator and
// top cause: the most specific matches first (dimension and value, then dimension, then any),
// entries naming the indicator before generic ones, the ledger's own before the shipped.
import type { CatalogueEntry } from '../ledger/catalogue.js';

export type { CatalogueEntry };
import type { Cause } from './causes.js';

function score(e: CatalogueEntry, indicator: string | undefined, cause: Cause | undefined): number {
  if (e.indicators && (indicator === undefined || !e.indicators.includes(indicator))) return -1;
  let s = e.indicators ? 1 : 0;
  if (e.dimension !== undefined) {
    if (!cause || cause.dimension !== e.dimension) return -1;
    s += 4;
    if (e.value !== undefined) {
      if (cause.value !== e.value) return -1;
      s += 4;
    }
  }
  return s;
}

/** 1 to 3 suggestions (entries) for an indicator (built-in name; undefined for inline) and top cause. */
export function suggest(catalogue: readonly CatalogueEntry[], indicator: string | undefined, top: Cause | undefined): CatalogueEntry[] {
  const ranked = catalogue
    .map((e, i) => ({ e, i, s: score(e, indicator, top) }))
    .filter((x) => x.s >= 0)
    .sort((a, b) => b.s - a.s || Number(b.e.own) - Number(a.e.own) || a.i - b.i);
  return ranked.slice(0, 3).map((x) => x.e);
}
