// The command line in the user's language: commander's help (titles, usage words, "default:",
// the help option and command) and its own error messages. English is commander's and the
// registrars' text; Spanish comes from i18n/help-es.ts (descriptions, by command path) and the
// tables below (commander's words). Loaded only for a language other than English.
import type * as CommanderModule from 'commander';
import { HELP_DEFAULTS_ES, HELP_ES } from '../i18n/help-es.js';

type Command = CommanderModule.Command;
type Option = CommanderModule.Option;
type Argument = CommanderModule.Argument;

const TITLES: Record<string, string> = {
  'Usage:': 'Uso:',
  'Options:': 'Opciones:',
  'Commands:': 'Comandos:',
  'Arguments:': 'Argumentos:',
  'Global Options:': 'Opciones globales:',
};

/** Placeholders of option values and arguments, as the help shows them (`--set <ruta=valor>`). */
const PLACEHOLDERS: Record<string, string> = {
  options: 'opciones', command: 'comando', format: 'formato', date: 'fecha', time: 'instante', text: 'texto',
  period: 'periodo', 'path=value': 'ruta=valor', file: 'archivo', role: 'rol', name: 'nombre', person: 'persona',
  label: 'etiqueta', dir: 'carpeta', type: 'tipo', timestamp: 'instante', template: 'plantilla', 'step=state': 'paso=estado',
  outcome: 'resultado', level: 'nivel', lang: 'idioma', key: 'clave', email: 'correo', duration: 'duración', course: 'curso',
  service: 'servicio', requirement: 'requisito', title: 'título', plan: 'plan', owner: 'responsable', category: 'categoría',
  why: 'porqué', deviation: 'desviación', n: 'n', id: 'id', description: 'descripción', evidence: 'evidencia', mapping: 'mapeo',
  'field=column': 'campo=columna', 'field=value': 'campo=valor', pattern: 'patrón', system: 'sistema', ref: 'ref', reason: 'motivo',
};

/** `<file>` → `<archivo>`, `[options]` → `[opciones]` (unknown placeholders stay as they are). */
function placeholders(text: string): string {
  return text.replace(/([<[])([a-z=._-]+)((?:\.\.\.)?[>\]])/g, (whole, open: string, name: string, close: string) =>
    PLACEHOLDERS[name] === undefined ? whole : `${open}${PLACEHOLDERS[name]}${close}`);
}

/** commander's error messages (lib/command.js, lib/option.js, lib/suggestSimilar.js, v14). */
const ERRORS: [RegExp, string][] = [
  [/^error: unknown option '(.*?)'/, "error: opción desconocida '$1'"],
  [/^error: unknown command '(.*?)'/, "error: comando desconocido '$1'"],
  [/^error: missing required argument '(.*?)'/, "error: falta el argumento obligatorio '$1'"],
  [/^error: option '(.*?)' argument missing/, "error: a la opción '$1' le falta su valor"],
  [/^error: required option '(.*?)' not specified/, "error: falta la opción obligatoria '$1'"],
  [/^error: too many arguments for '(.*?)'\. Expected (\d+) arguments? but got (\d+)\./, "error: demasiados argumentos para '$1': se esperaban $2 y se recibieron $3."],
  [/^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\./, 'error: demasiados argumentos: se esperaban $1 y se recibieron $2.'],
  [/^error: option '(.*?)' argument '(.*?)' is invalid\. Allowed choices are (.*)\./, "error: el valor '$2' de la opción '$1' no es válido. Valores admitidos: $3."],
  [/^error: (.*) cannot be used with (.*)$/m, 'error: $1 no se puede usar con $2'],
  [/\(Did you mean one of (.*)\?\)/, '(¿Quería decir uno de $1?)'],
  [/\(Did you mean (.*)\?\)/, '(¿Quería decir $1?)'],
];

export function translateCommanderError(text: string): string {
  let out = text;
  for (const [re, to] of ERRORS) out = out.replace(re, to);
  return out.replace(/option '(--[\w-]+)/g, "opción '$1").replace(/^error: opción '(.*?)' no se puede/, "error: la opción '$1' no se puede");
}

/** The path of a command as help-es.ts keys it: `record close` ('' for the program). */
function pathOf(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function key(path: string, item: string): string {
  return path === '' ? item : `${path} ${item}`;
}

/** Every command, argument and option description of the program, in Spanish. */
function translateDescriptions(cmd: Command): void {
  const path = pathOf(cmd);
  const own = HELP_ES[path];
  if (own !== undefined) cmd.description(own);
  for (const a of cmd.registeredArguments as Argument[]) a.description = HELP_ES[key(path, `<${a.name()}>`)] ?? a.description;
  for (const o of cmd.options as Option[]) {
    const k = key(path, o.long ?? o.flags);
    o.description = HELP_ES[k] ?? o.description;
    if (HELP_DEFAULTS_ES[k] !== undefined) o.defaultValueDescription = HELP_DEFAULTS_ES[k];
  }
  for (const sub of cmd.commands) translateDescriptions(sub);
}

/** commander's "(default: …, choices: …)" words in Spanish. */
function extraWords(text: string): string {
  return text.replace(/\((choices|default|preset): /g, (_, w: string) => `(${EXTRA[w]}: `).replace(/, (choices|default|preset): /g, (_, w: string) => `, ${EXTRA[w]}: `);
}
const EXTRA: Record<string, string> = { choices: 'valores', default: 'por defecto', preset: 'predefinido' };

/**
 * commander's help in Spanish: configured before the commands are registered (subcommands
 * inherit it). `Help` is commander's class, whose methods these wrap.
 */
export function configureSpanishHelp(program: Command, Help: typeof CommanderModule.Help): void {
  const base = Help.prototype;
  program.configureHelp({
    styleTitle: (title: string) => TITLES[title] ?? title,
    styleUsage: placeholders,
    subcommandTerm(this: CommanderModule.Help, cmd: Command) {
      return placeholders(base.subcommandTerm.call(this, cmd));
    },
    optionTerm(this: CommanderModule.Help, option: Option) {
      return placeholders(base.optionTerm.call(this, option));
    },
    argumentTerm(this: CommanderModule.Help, argument: Argument) {
      return PLACEHOLDERS[argument.name()] ?? argument.name();
    },
    subcommandDescription(this: CommanderModule.Help, cmd: Command) {
      // The implicit help command is commander's: its description is not registered by us.
      return cmd.name() === 'help' && cmd.description() === 'display help for command' ? HELP_ES.help : base.subcommandDescription.call(this, cmd);
    },
    optionDescription(this: CommanderModule.Help, option: Option) {
      const text = extraWords(base.optionDescription.call(this, option));
      const own = option.long === '--help' || option.long === '--version' ? HELP_ES[option.long] : undefined;
      return own !== undefined ? text.replace(option.description, own) : text;
    },
    argumentDescription(this: CommanderModule.Help, argument: Argument) {
      return extraWords(base.argumentDescription.call(this, argument));
    },
  });
}

/** After registration: every description in Spanish. */
export function translateProgram(program: Command): void {
  translateDescriptions(program);
}

/** Every key help-es.ts must hold for this program (a test compares the two). */
export function helpKeys(program: Command): string[] {
  const keys: string[] = [];
  const walk = (cmd: Command) => {
    const path = pathOf(cmd);
    keys.push(path);
    for (const a of cmd.registeredArguments as Argument[]) keys.push(key(path, `<${a.name()}>`));
    for (const o of cmd.options as Option[]) keys.push(key(path, o.long ?? o.flags));
    for (const sub of cmd.commands) walk(sub);
  };
  walk(program);
  return keys;
}
