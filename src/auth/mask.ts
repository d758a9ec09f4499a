/** Masking of personal data (domain.md §8): all but the enterprise itself and regulators see `4403**********1234`. */
import { isSelf } from './audience.ts';
import type { Principal } from './principal.ts';

/** Whether the caller sees personal data of this enterprise unmasked. */
export function seesPersonalData(p: Principal, owner: string): boolean {
  return p.role === 'regulator' || isSelf(p, owner);
}

/** Keeps the first and last four characters of an ID number. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}
