/**
 * The last grades the gateway computed per enterprise, for GRADE_DROP (domain.md §7). Kept in
 * the shared tier (Redis when configured) so every replica sees the same history; in process
 * memory otherwise.
 */
import { LRUCache } from 'lru-cache';
import type { GradeHistory } from '../credit/alerts.ts';

/** Where grade histories live. */
export interface GradeMemory {
  get(uscc: string, ruleSet: string): Promise<GradeHistory | null>;
  set(uscc: string, ruleSet: string, history: GradeHistory): Promise<void>;
}

/** An in-process memory, bounded. */
export function createLocalGradeMemory(max = 500_000): GradeMemory {
  const lru = new LRUCache<string, GradeHistory>({ max });
  return {
    get: async (uscc, ruleSet) => lru.get(`${ruleSet}:${uscc}`) ?? null,
    set: async (uscc, ruleSet, h) => void lru.set(`${ruleSet}:${uscc}`, h),
  };
}
