// Every area's messages, merged by ../index.ts. Add a new area file here.
export type AreaMessages = { en: Record<string, string>; es: Record<string, string> };
import { messages as team } from './team.js';
import { messages as record } from './record.js';
import { messages as control } from './control.js';
import { messages as report } from './report.js';
import { messages as act } from './act.js';
import { messages as plan } from './plan.js';
import { messages as safety } from './safety.js';
import { messages as trust } from './trust.js';
import { messages as labels } from './labels.js';
export const AREAS: AreaMessages[] = [
  record,
  team,
  control,
  report,
  act,
  plan,
  safety,
  trust,
  labels,
];
