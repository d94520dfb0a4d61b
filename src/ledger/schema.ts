// zod schemas of every ledger file kind (SPEC §1). They are also the source of the JSON Schemas
// (`aftersales schema`). Rules kept here:
// - No transforms and no defaults: a valid file's data is the parsed YAML itself, so the cache
//   can store it as JSON and the writers can edit the YAML document directly. Conversions
//   (durations → hours, timestamps → instants) live in values.ts and the model.
// - Objects are strict; keys starting with `x-` are let through by validate.ts (not here, so
//   the happy path costs nothing extra).
// - A string format failure carries our problem code as its message (see FORMAT_CODES).
import { z } from 'zod';
import { MONTH_RE, PERCENT_RE, PROCEDURE_REF_RE, RECORD_ID_RE, SLUG_RE } from './values.js';
import { DATE_RE, DURATION_RE, TIMESTAMP_RE, isDate, isTimestamp, isValidTimeZone } from '../time/index.js';
import { BUILTIN_INDICATORS } from './indicator-catalogue.js';

export { BUILTIN_INDICATORS };

// ---------------------------------------------------------------------------------------------
// Value types

export const slug = z.string().regex(SLUG_RE, 'bad-slug');
export const recordId = z.string().regex(RECORD_ID_RE, 'bad-record-id');
export const date = z.string().regex(DATE_RE, 'bad-date').refine(isDate, 'bad-date');
export const month = z.string().regex(MONTH_RE, 'bad-month');
export const timestamp = z
  .string()
  .regex(TIMESTAMP_RE, 'bad-timestamp')
  .refine(isTimestamp, 'bad-timestamp');
export const duration = z.string().regex(DURATION_RE, 'bad-duration');
const percent = z.string().regex(PERCENT_RE, 'bad-quantity');
/** Targets, benchmarks: a number, a percentage string or a duration string. */
export const quantityValue = z.union([z.number(), percent, duration]);
export const procedureRef = z.string().regex(PROCEDURE_REF_RE, 'bad-procedure-ref');
const text = z.string();
const nonNegative = z.number().min(0);
const positiveInt = z.number().int().min(1);
const timeZone = z.string().refine(isValidTimeZone, 'bad-timezone');

export const SIX_M = ['method', 'machine', 'material', 'people', 'measurement', 'environment'] as const;
export const CHANNELS = ['phone', 'email', 'web', 'chat', 'visit', 'scheduled', 'proactive', 'other'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const OUTCOMES = ['resolved', 'unresolved', 'replaced', 'refunded', 'no-fault-found', 'cancelled'] as const;
export const STEP_STATES = ['done', 'skipped', 'n/a'] as const;
export const REQUIREMENT_KINDS = ['quantitative', 'qualitative', 'process', 'interpersonal'] as const;
export const RESOURCE_KINDS = ['people', 'equipment', 'parts', 'vehicle', 'budget', 'other'] as const;
export const ACTION_TYPES = ['corrective', 'preventive'] as const;
export const ACTION_STATUSES = ['open', 'done', 'verified', 'ineffective', 'cancelled'] as const;
export const PERIOD_KINDS = ['week', 'month', 'quarter'] as const;
export const LOCALES = ['en', 'es'] as const;
export const CAUSE_DIMENSIONS = ['assignee', 'product', 'channel', 'priority', 'cause.category', 'customer'] as const;
export const INLINE_TYPES = ['count', 'share', 'mean', 'median', 'percentile', 'nps'] as const;
export const POPULATIONS = ['opened', 'closed', 'backlog'] as const;
export const FILTER_OPERATORS = ['eq', 'ne', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'exists'] as const;

// ---------------------------------------------------------------------------------------------
// Shared pieces

/** A filter value: scalar, list (any of) or operator object (SPEC §3.3). */
const scalar = z.union([z.string(), z.number(), z.boolean()]);
const operatorObject = z.strictObject({
  eq: scalar.optional(),
  ne: scalar.optional(),
  in: z.array(scalar).optional(),
  nin: z.array(scalar).optional(),
  gt: z.union([z.number(), z.string()]).optional(),
  gte: z.union([z.number(), z.string()]).optional(),
  lt: z.union([z.number(), z.string()]).optional(),
  lte: z.union([z.number(), z.string()]).optional(),
  exists: z.boolean().optional(),
});
export const filter = z.record(z.string(), z.union([scalar, z.array(scalar), operatorObject]));

export const target = z.strictObject({
  min: quantityValue.optional(),
  max: quantityValue.optional(),
  critical: quantityValue.optional(),
});

export const statName = z.string().regex(/^(mean|median|p(100|[1-9]?\d)(\.\d+)?)$/, 'bad-stat');

export const inlineIndicator = z.strictObject({
  type: z.enum(INLINE_TYPES),
  population: z.enum(POPULATIONS).optional(),
  where: filter.optional(),
  match: filter.optional(),
  field: z.string().optional(),
  p: z.number().min(0).max(100).optional(),
});
export const indicator = z.union([z.enum(BUILTIN_INDICATORS), inlineIndicator]);

const targetHistoryEntry = z.strictObject({ date, from: target, to: target });

// ---------------------------------------------------------------------------------------------
// aftersales.yaml

export const calendarDef = z.strictObject({
  hours: z.record(z.string(), z.string()),
  holidays: z.array(date).optional(),
});

export const objective = z.strictObject({
  id: slug,
  description: text.optional(),
  indicator,
  stat: statName.optional(),
  within: duration.optional(),
  where: filter.optional(),
  target,
});

export const settingsFile = z.strictObject({
  version: z.literal(1),
  organisation: text,
  locale: z.enum(LOCALES).optional(),
  timezone: timeZone.optional(),
  period: z.enum(PERIOD_KINDS).optional(),
  history: positiveInt.optional(),
  calendars: z.record(z.string(), calendarDef).optional(),
  objectives: z.array(objective).optional(),
  /** Defaults of `improve`: how many complete periods, and the minimum records in each. */
  improve: z.strictObject({ periods: positiveInt.optional(), min_n: z.number().int().min(0).optional() }).optional(),
});

// ---------------------------------------------------------------------------------------------
// team.yaml

export const trainingHeld = z.strictObject({
  course: slug,
  completed: date,
  expires: date.optional(),
  evidence: text.optional(),
});

export const teamFile = z.strictObject({
  roles: z.array(
    z.strictObject({ id: slug, name: text, reports_to: slug.optional(), description: text.optional() }),
  ),
  people: z.array(
    z.strictObject({
      id: slug,
      name: text,
      email: text.optional(),
      roles: z.array(slug),
      training: z.array(trainingHeld).optional(),
    }),
  ),
});

// ---------------------------------------------------------------------------------------------
// services/<id>.yaml

export const requirement = z.strictObject({
  id: slug,
  kind: z.enum(REQUIREMENT_KINDS),
  description: text.optional(),
  indicator,
  stat: statName.optional(),
  within: duration.optional(),
  where: filter.optional(),
  target,
  history: z.array(targetHistoryEntry).optional(),
});

export const serviceFile = z.strictObject({
  id: slug,
  name: text,
  description: text.optional(),
  owner: slug,
  procedure: slug,
  calendar: slug.optional(),
  warranty: z.boolean().optional(),
  need: z
    .array(
      z.strictObject({ channel: z.enum(CHANNELS), description: text.optional(), every: duration.optional() }),
    )
    .optional(),
  requirements: z.array(requirement),
  resources: z
    .array(
      z.strictObject({
        name: text,
        kind: z.enum(RESOURCE_KINDS),
        role: slug.optional(),
        quantity: nonNegative.optional(),
        capacity: nonNegative.optional(),
        description: text.optional(),
      }),
    )
    .optional(),
  training: z.array(z.strictObject({ role: slug, courses: z.array(slug) })).optional(),
  benchmarks: z
    .array(z.strictObject({ requirement: slug, source: text, value: quantityValue }))
    .optional(),
});

// ---------------------------------------------------------------------------------------------
// procedures/<id>.yaml

export const procedureFile = z.strictObject({
  id: slug,
  name: text,
  description: text.optional(),
  version: positiveInt,
  effective: date,
  steps: z.array(
    z.strictObject({
      id: slug,
      name: text,
      description: text.optional(),
      role: slug.optional(),
      mandatory: z.boolean().optional(),
      captures: z.array(z.string()).optional(),
    }),
  ),
});

// ---------------------------------------------------------------------------------------------
// inputs/

export const productsFile = z.strictObject({
  products: z.array(
    z.strictObject({
      id: slug,
      name: text,
      warranty: z.number().int().min(0),
      maintenance: duration.optional(),
    }),
  ),
});

export const salesFile = z.strictObject({
  sales: z.array(z.strictObject({ month, product: slug, units: z.number().int().min(0) })),
});

export const benchmarksFile = z.strictObject({
  benchmarks: z.array(
    z.strictObject({ indicator: z.string(), source: text, value: quantityValue, service: slug.optional() }),
  ),
});

// ---------------------------------------------------------------------------------------------
// records/<YYYY>/<MM>/<id>.yaml

/** Survey answers: the standard questions, plus any numeric question of the ledger's own. */
const survey = z
  .object({
    csat: z.number().int().min(1).max(5).optional(),
    nps: z.number().int().min(0).max(10).optional(),
    effort: z.number().int().min(1).max(7).optional(),
    comment: text.optional(),
  })
  .catchall(z.number());

export const recordFile = z.strictObject({
  id: recordId,
  service: slug,
  procedure: procedureRef,
  opened: timestamp,
  responded: timestamp.optional(),
  closed: timestamp.optional(),
  paused: z
    // `to` absent: paused now (record pause), until record resume sets it
    .array(z.strictObject({ from: timestamp, to: timestamp.optional(), reason: text.optional() }))
    .optional(),
  channel: z.enum(CHANNELS).optional(),
  priority: z.enum(PRIORITIES).optional(),
  customer: z.union([z.string(), z.number()]).optional(),
  product: slug.optional(),
  serial: z.union([z.string(), z.number()]).optional(),
  sold: date.optional(),
  assignee: slug.optional(),
  visits: z.number().int().min(0).optional(),
  steps: z.record(z.string(), z.enum(STEP_STATES)).optional(),
  outcome: z.enum(OUTCOMES).optional(),
  complaint: z.boolean().optional(),
  cause: z.strictObject({ category: z.enum(SIX_M), detail: text.optional() }).optional(),
  parts: z
    .array(z.strictObject({ ref: z.union([z.string(), z.number()]), qty: nonNegative.optional(), cost: nonNegative.optional() }))
    .optional(),
  replaced_serial: z.union([z.string(), z.number()]).optional(),
  cost: nonNegative.optional(),
  survey: survey.optional(),
  source: z.strictObject({ system: text, id: z.union([z.string(), z.number()]) }).optional(),
  notes: text.optional(),
});

/** Top-level record fields: what a procedure step may name in `captures`. */
export const RECORD_FIELDS: readonly string[] = Object.keys(recordFile.shape);

// ---------------------------------------------------------------------------------------------
// actions/<id>.yaml

export const actionFile = z.strictObject({
  id: recordId,
  type: z.enum(ACTION_TYPES),
  title: text,
  service: slug.optional(),
  requirement: slug.optional(),
  deviation: z.string().optional(),
  opened: date,
  owner: slug,
  due: date.optional(),
  analysis: z
    .strictObject({
      category: z.enum(SIX_M).optional(),
      whys: z.array(text).optional(),
      root_cause: text.optional(),
    })
    .optional(),
  plan: text.optional(),
  status: z.enum(ACTION_STATUSES),
  closed: date.optional(),
  verification: z
    .strictObject({
      after: date.optional(),
      period: z.string().optional(),
      value: z.number().nullable().optional(),
      result: z.enum(['effective', 'ineffective']).optional(),
    })
    .optional(),
});

// ---------------------------------------------------------------------------------------------
// suggestions.yaml (the ledger's own corrective-action catalogue; same shape as the shipped one)

export const suggestionEntry = z.strictObject({
  id: slug,
  indicators: z.array(z.string()).optional(),
  dimension: z.enum(CAUSE_DIMENSIONS).optional(),
  value: z.string().optional(),
  type: z.enum(ACTION_TYPES),
  title: text,
  plan: text,
});
export const suggestionsFile = z.strictObject({ suggestions: z.array(suggestionEntry) });

// ---------------------------------------------------------------------------------------------
// imports/<name>.yaml (a saved import mapping: a help-desk or ERP export → ledger fields)

export const IMPORT_KINDS = ['records', 'sales', 'products'] as const;

/** The fields an import of ERP inputs fills, by what it imports (the keys first). */
export const INPUT_IMPORT_FIELDS = {
  sales: ['month', 'product', 'units'],
  products: ['id', 'name', 'warranty', 'maintenance'],
} as const satisfies Record<'sales' | 'products', readonly string[]>;

export const importMappingFile = z.strictObject({
  description: text.optional(),
  /** What the export holds: interventions (default), or ERP sales / products. */
  kind: z.enum(IMPORT_KINDS).optional(),
  service: slug.optional(),
  source_system: slug.optional(),
  /** Zone of timestamps written without one (default: the ledger's). */
  timezone: timeZone.optional(),
  /** date-fns pattern of the dates, when not ISO 8601. */
  date_format: text.optional(),
  delimiter: z.enum([',', ';', '\t', '|']).optional(),
  /** ledger field ← export column. */
  columns: z.record(z.string(), text),
  /** Per field, export text → value (`Solved: resolved`; `open` for an outcome: still open). */
  values: z.record(z.string(), z.record(z.string(), scalar)).optional(),
  /** A value every imported row gets (as --set). */
  constants: z.record(z.string(), scalar).optional(),
  /** Step states every imported intervention gets. */
  steps: z.record(z.string(), z.enum(STEP_STATES)).optional(),
});

// ---------------------------------------------------------------------------------------------
// The catalogue of file kinds

export const FILE_KINDS = {
  settings: settingsFile,
  team: teamFile,
  service: serviceFile,
  procedure: procedureFile,
  products: productsFile,
  sales: salesFile,
  benchmarks: benchmarksFile,
  record: recordFile,
  action: actionFile,
  suggestions: suggestionsFile,
  import: importMappingFile,
} as const;
export type FileKind = keyof typeof FILE_KINDS;

export type Settings = z.infer<typeof settingsFile>;
export type Team = z.infer<typeof teamFile>;
export type Person = Team['people'][number];
export type Role = Team['roles'][number];
export type Service = z.infer<typeof serviceFile>;
export type Requirement = z.infer<typeof requirement>;
export type Target = z.infer<typeof target>;
export type Indicator = z.infer<typeof indicator>;
export type InlineIndicator = z.infer<typeof inlineIndicator>;
export type Filter = z.infer<typeof filter>;
export type Objective = z.infer<typeof objective>;
export type CalendarDef = z.infer<typeof calendarDef>;
export type Procedure = z.infer<typeof procedureFile>;
export type Products = z.infer<typeof productsFile>;
export type Product = Products['products'][number];
export type Sales = z.infer<typeof salesFile>;
export type Benchmarks = z.infer<typeof benchmarksFile>;
export type RecordData = z.infer<typeof recordFile>;
export type ActionData = z.infer<typeof actionFile>;
export type SuggestionEntry = z.infer<typeof suggestionEntry>;
export type Suggestions = z.infer<typeof suggestionsFile>;
export type ImportMapping = z.infer<typeof importMappingFile>;
