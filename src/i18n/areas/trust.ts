// Messages of the rules that keep numbers, alarms and input trustworthy (issue 13).
import type { AreaMessages } from './index.js';

export const messages: AreaMessages = {
  en: {
    'problem.reserved-id': 'the requirement id "{id}" is the name of a kind of deviation ({kinds}): its deviation keys would collide',
    'hint.reserved-id': 'rename the requirement, e.g. "{id}-rate" (and the actions that name {service}/{id})',
  },
  es: {
    'problem.reserved-id': 'el id de requisito "{id}" es el nombre de un tipo de desviación ({kinds}): las claves de sus desviaciones coincidirían',
    'hint.reserved-id': 'cambie el nombre del requisito, p. ej. "{id}-tasa" (y el de las acciones que nombran {service}/{id})',
  },
};
