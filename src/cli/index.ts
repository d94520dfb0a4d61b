// Every command registrar. A command area adds its file here (one line).
import type { Register } from './types.js';
import { registerCore } from './core.js';
import { registerTeam } from './team.js';
import { registerControl } from './control.js';
import { registerPlan } from './plan.js';

export const REGISTRARS: Register[] = [registerCore, registerTeam, registerControl, registerPlan];
