// Messages of the rules that keep numbers, alarms and input trustworthy (issue 13).
import type { AreaMessages } from './index.js';

export const messages: AreaMessages = {
  en: {
    'problem.reserved-id': 'the requirement id "{id}" is the name of a kind of deviation ({kinds}): its deviation keys would collide',
    'hint.reserved-id': 'rename the requirement, e.g. "{id}-rate" (and the actions that name {service}/{id})',
    'record.ask.unanswered': '(not answered yet)',
    'record.warn.steps-not-done': '{id} is closed with mandatory steps not marked done: {steps}; it counts against procedure adherence (mark them with `aftersales record update {id} --set steps.STEP=done`)',
    'problem.future-date': '{value} is in the future (now: {now})',
    'hint.future-date': 'check the year and the time zone; a record or action is written after the fact, not before',
    'problem.before-procedure': 'opened on {opened}, before {procedure} took effect ({effective})',
    'hint.before-procedure': 'cite the version of the procedure that was in force when the intervention was opened, or correct the date',
  },
  es: {
    'problem.reserved-id': 'el id de requisito "{id}" es el nombre de un tipo de desviación ({kinds}): las claves de sus desviaciones coincidirían',
    'hint.reserved-id': 'cambie el nombre del requisito, p. ej. "{id}-tasa" (y el de las acciones que nombran {service}/{id})',
    'record.ask.unanswered': '(sin responder todavía)',
    'record.warn.steps-not-done': '{id} se ha cerrado con pasos obligatorios sin marcar como hechos: {steps}; cuenta en contra de la adherencia al procedimiento (márquelos con `aftersales record update {id} --set steps.PASO=done`)',
    'problem.future-date': '{value} está en el futuro (ahora: {now})',
    'hint.future-date': 'revise el año y la zona horaria; un registro o una acción se anotan después de los hechos, no antes',
    'problem.before-procedure': 'abierto el {opened}, antes de que {procedure} entrara en vigor ({effective})',
    'hint.before-procedure': 'cite la versión del procedimiento que estaba en vigor al abrir la intervención, o corrija la fecha',
  },
};
