// `aftersales init [DIR] [--example]`: a new ledger skeleton, or a copy of the bundled example.
// Never writes into an existing ledger; every file is created exclusively.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.js';
import { createExclusive, modeline } from '../ledger/write.js';
import type { CommandContext } from '../io/io.js';
import type { Lang } from '../i18n/index.js';
import { writeSchemas } from './schema.js';

export interface InitOptions {
  dir: string;
  example?: boolean;
}

/** The bundled example ledger (examples/ ships in the npm package). */
export function exampleLedgerDir(): string {
  return fileURLToPath(new URL('../../examples/electrodomesticos-sol', import.meta.url));
}

const SKELETON: Record<Lang, { settings: string; team: string }> = {
  en: {
    settings: `version: 1
organisation: My company
locale: en                 # en | es: language of messages and scaffolds
timezone: UTC              # IANA zone: periods and dates are computed in it
period: month              # week | month | quarter: the default control period
history: 12                # periods kept for trend analysis
# calendars:               # business calendars for durations in working hours
#   office:
#     hours: { mon-fri: "09:00-14:00,15:00-18:00" }
#     holidays: [2026-12-25]
# objectives:              # strategic quality objectives, over all services
#   - id: csat
#     description: CSAT of at least 90% on every service
#     indicator: csat
#     target: { min: 90% }
`,
    team: `roles:
  - id: service-manager
    name: Service manager
people: []
# people:
#   - id: ana
#     name: Ana García
#     roles: [service-manager]
#     training:
#       - { course: customer-care, completed: 2026-03-10, expires: 2028-03-10 }
`,
  },
  es: {
    settings: `version: 1
organisation: Mi empresa
locale: es                 # en | es: idioma de los mensajes y plantillas
timezone: Europe/Madrid    # zona IANA: los periodos y fechas se calculan en ella
period: month              # week | month | quarter: periodo de control por defecto
history: 12                # periodos para el análisis de tendencias
# calendars:               # calendarios laborables para medir en horas hábiles
#   oficina:
#     hours: { mon-fri: "09:00-14:00,15:00-18:00" }
#     holidays: [2026-12-25]
# objectives:              # objetivos estratégicos de calidad, sobre todos los servicios
#   - id: csat
#     description: CSAT de al menos el 90% en todos los servicios
#     indicator: csat
#     target: { min: 90% }
`,
    team: `roles:
  - id: responsable-servicio
    name: Responsable del servicio
people: []
# people:
#   - id: ana
#     name: Ana García
#     roles: [responsable-servicio]
#     training:
#       - { course: atencion-cliente, completed: 2026-03-10, expires: 2028-03-10 }
`,
  },
};

const GITIGNORE = '# derived by aftersales: cache and generated JSON Schemas\n.aftersales/\n';

function isEmptyDir(dir: string): boolean {
  return readdirSync(dir).filter((n) => n !== '.git').length === 0;
}

export async function runInit(ctx: CommandContext & InitOptions): Promise<{ exitCode: number }> {
  const { io } = ctx;
  const t = io.t;
  const dir = resolve(ctx.cwd, ctx.dir);
  if (existsSync(join(dir, 'aftersales.yaml'))) throw new UsageError(t('error.not-empty', { dir }), t('hint.not-empty'));
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(t('error.write-failed', { file: dir, reason: 'not a folder' }));
  mkdirSync(dir, { recursive: true });

  if (ctx.example) {
    if (!isEmptyDir(dir)) throw new UsageError(t('error.not-empty', { dir }), t('hint.not-empty'));
    // The example holds only ledger files (and its README); copy without overwriting anything.
    cpSync(exampleLedgerDir(), dir, {
      recursive: true,
      errorOnExist: true,
      force: false,
      filter: (src) => !src.split(/[\\/]/).includes('.aftersales'),
    });
    if (!existsSync(join(dir, '.gitignore'))) createExclusive(join(dir, '.gitignore'), GITIGNORE);
  } else {
    const lang = io.lang;
    createExclusive(join(dir, 'aftersales.yaml'), modeline('aftersales.yaml', 'settings') + SKELETON[lang].settings);
    if (!existsSync(join(dir, 'team.yaml'))) createExclusive(join(dir, 'team.yaml'), modeline('team.yaml', 'team') + SKELETON[lang].team);
    for (const folder of ['services', 'procedures', 'records', 'actions', 'inputs']) {
      mkdirSync(join(dir, folder), { recursive: true });
      if (isEmptyDir(join(dir, folder))) createExclusive(join(dir, folder, '.gitkeep'), '');
    }
    if (!existsSync(join(dir, '.gitignore'))) createExclusive(join(dir, '.gitignore'), GITIGNORE);
    else if (!readFileSync(join(dir, '.gitignore'), 'utf8').includes('.aftersales/')) {
      io.err(`${t('init.gitignore', { file: join(dir, '.gitignore') })}\n`);
    }
  }
  writeSchemas(join(dir, '.aftersales', 'schema'));
  io.out(`${t('init.done', { dir })}${ctx.example ? ` (${t('init.example')})` : ''}\n${t('init.next')}\n`);
  return { exitCode: 0 };
}
