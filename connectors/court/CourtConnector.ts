/** The courts' client: three lists, batches of at most 20 ids, `success` envelopes. */
import type { Lane } from '../shared/DepartmentLimits.ts';
import type {
  ConsumptionRestriction,
  DishonestDebtorEntry,
  EnforcementCase,
} from '../../src/model/unifiedModel.ts';
import { DepartmentError } from '../shared/DepartmentError.ts';
import type { DepartmentHttp } from '../shared/DepartmentHttp.ts';
import { assertBatch, normalizeOrReject, parseBody } from '../shared/parseJson.ts';
import { normalizeDishonest, normalizeEnforced, normalizeRestriction } from './normalizeCourt.ts';
import { COURT_BATCH_LIMIT, courtResponseWire, type CourtList } from './wire.ts';

/** What each list normalizes to. */
export interface CourtListItems {
  dishonest: DishonestDebtorEntry;
  enforced: EnforcementCase;
  restrictions: ConsumptionRestriction;
}

const NORMALIZE: { [L in CourtList]: (w: never) => CourtListItems[L] } = {
  dishonest: normalizeDishonest,
  enforced: normalizeEnforced,
  restrictions: normalizeRestriction,
};

/** Court lookups. */
export class CourtConnector {
  constructor(private readonly http: DepartmentHttp) {}

  /** Items of one list for each code (a code with no entries maps to `[]`), one call of at most 20 codes. */
  async fetchList<L extends CourtList>(
    list: L,
    usccs: readonly string[],
    lane: Lane = 'interactive',
  ): Promise<Map<string, Array<CourtListItems[L]>>> {
    const out = new Map<string, Array<CourtListItems[L]>>();
    const envelope = courtResponseWire(list);
    assertBatch(usccs, COURT_BATCH_LIMIT);
    const body = await this.http.call(
      {
        method: 'GET',
        path: `/court/api/${list}?ids=${usccs.map(encodeURIComponent).join(',')}`,
        route: `GET /court/api/${list}`,
        lane,
      },
      (res) => {
        if (res.status !== 200) throw new DepartmentError('COURT', 'rejected', res.status);
        const parsed = parseBody('COURT', res.text, envelope);
        if (!parsed.success) throw new DepartmentError('COURT', 'unavailable');
        return parsed;
      },
    );
    for (const r of body.result) {
      out.set(
        r.id,
        r.items.map((w) => normalizeOrReject('COURT', () => NORMALIZE[list](w as never))),
      );
    }
    for (const id of usccs) if (!out.has(id)) out.set(id, []);
    return out;
  }
}
