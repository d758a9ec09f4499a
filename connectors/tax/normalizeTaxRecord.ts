/** Tax wire record → unified `TaxProfile` (connectors/tax/wire.ts). */
import type { TaxProfile } from '../../src/model/unifiedModel.ts';
import { isoDate, money, optionalMoney, splitKinds, FormatError } from '../shared/formats.ts';
import type { TaxRecordWire } from './wire.ts';

const GRADES = new Set(['A', 'B', 'M', 'C', 'D']);

function year(raw: string): number {
  if (!/^\d{4}$/.test(raw)) throw new FormatError(`not a year: ${raw}`);
  return Number(raw);
}

/** Normalizes one taxpayer's record; throws `FormatError` on anything off-contract. */
export function normalizeTaxRecord(w: TaxRecordWire): TaxProfile {
  if (w.fzchbs !== 'Y' && w.fzchbs !== 'N') throw new FormatError(`fzchbs: ${w.fzchbs}`);
  return {
    ratings: w.nsxydj
      .map((r) => {
        if (!GRADES.has(r.dj)) throw new FormatError(`dj: ${r.dj}`);
        return { year: year(r.pjnd), grade: r.dj as TaxProfile['ratings'][number]['grade'] };
      })
      .sort((a, b) => b.year - a.year),
    arrears: money(w.qsje),
    abnormalTaxpayer: w.fzchbs === 'Y',
    majorCases: w.zdsswfaj.map((c) => ({
      id: c.ajbh,
      fact: c.wfss,
      listedOn: isoDate(c.lrrq),
      removedOn: c.ycrq ? isoDate(c.ycrq) : null,
    })),
    taxPaid: w.nsje.map((p) => ({ year: year(p.nd), amount: money(p.je) })).sort((a, b) => b.year - a.year),
    penalties: w.cfxx.map((p) => ({
      department: 'TAX',
      id: p.cfjdswh,
      date: isoDate(p.cfrq),
      kinds: splitKinds(p.cfzl),
      amount: optionalMoney(p.fkje),
      fact: p.wfxw,
      authority: null,
    })),
  };
}
