// `training` (SPEC §4): a person holding a role the service needs trained lacks a required
// course, or holds an expired one, at the as-of date.
import type { Person, Service } from '../../ledger/schema.js';
import { trainingGaps } from '../training.js';
import type { TrainingDeviation } from './types.js';

export function trainingDeviation(key: string, svc: Service, people: Person[], asOfDate: string): TrainingDeviation | undefined {
  const gaps = trainingGaps([svc], people, asOfDate)
    .filter((g) => g.problem === 'missing' || g.problem === 'expired')
    .map((g) => ({ id: g.person, course: g.course, problem: g.problem as 'missing' | 'expired' }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.course < b.course ? -1 : a.course > b.course ? 1 : 0));
  if (gaps.length === 0) return undefined;
  return { key, kind: 'training', severity: 'warning', service: svc.id, people: gaps, acknowledged: false, actions: [] };
}
