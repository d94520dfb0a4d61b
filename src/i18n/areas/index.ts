// Every area's messages, merged by ../index.ts. Add a new area file here.
export type AreaMessages = { en: Record<string, string>; es: Record<string, string> };
import { messages as team } from './team.js';
import { messages as control } from './control.js';
import { messages as plan } from './plan.js';
export const AREAS: AreaMessages[] = [
  team,
  control,
  plan,
];
