// Colour for people only. A Chalk instance per output, forced off unless the IO allows it.
import { Chalk, type ChalkInstance } from 'chalk';

export function palette(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}
