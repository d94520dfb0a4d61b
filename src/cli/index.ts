// Every command registrar. A command area adds its file here (one line).
import type { Register } from './types.js';
import { registerCore } from './core.js';
import { registerRecord } from './record.js';
import { registerTeam } from './team.js';
import { registerControl } from './control.js';
import { registerReport } from './report.js';
import { registerAct } from './act.js';
import { registerPlan } from './plan.js';

export const REGISTRARS: Register[] = [registerCore, registerRecord, registerTeam, registerControl, registerReport, registerAct, registerPlan];
