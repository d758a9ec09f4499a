/** Environment XML (parsed) → unified `EnvironmentProfile` (connectors/environment/wire.ts). */
import type { EnvironmentalCard, EnvironmentProfile } from '../../src/model/unifiedModel.ts';
import { compactDate, FormatError, optionalMoney, splitKinds } from '../shared/formats.ts';
import { ENV_CARDS, type EnvEnterpriseWire } from './wire.ts';

/** Normalizes one `<Enterprise>`; throws `FormatError` on anything off-contract. */
export function normalizeEnvironment(w: EnvEnterpriseWire): EnvironmentProfile {
  return {
    ratings: w.ratings
      .map((r) => {
        if (!(ENV_CARDS as readonly string[]).includes(r.card)) throw new FormatError(`card: ${r.card}`);
        if (!/^\d{4}$/.test(r.year)) throw new FormatError(`year: ${r.year}`);
        return { year: Number(r.year), card: r.card as EnvironmentalCard };
      })
      .sort((a, b) => b.year - a.year),
    penalties: w.penalties.map((p) => ({
      department: 'ENVIRONMENT',
      id: p.docNo,
      date: compactDate(p.date),
      kinds: splitKinds(p.kind),
      amount: optionalMoney(p.amount),
      fact: p.fact,
      authority: null,
    })),
  };
}
