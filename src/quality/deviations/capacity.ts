// `capacity` (SPEC §4): more interventions opened in the period than the service's resources
// absorb (utilisation above 1); cancelled records do not count.
import type { CapacityDeviation } from './types.js';

export function capacityDeviation(key: string, service: string, opened: number, capacity: number | undefined): CapacityDeviation | undefined {
  if (capacity === undefined || capacity <= 0 || opened / capacity <= 1) return undefined;
  return { key, kind: 'capacity', severity: 'warning', service, value: opened / capacity, capacity, acknowledged: false, actions: [] };
}
