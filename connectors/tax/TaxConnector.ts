/** The tax system's client: batch lookups of at most 100 codes, `code` `"0000"` or an error. */
import type { Lane } from '../shared/DepartmentLimits.ts';
import type { TaxProfile } from '../../src/model/unifiedModel.ts';
import { DepartmentError } from '../shared/DepartmentError.ts';
import type { DepartmentHttp } from '../shared/DepartmentHttp.ts';
import { assertBatch, normalizeOrReject, parseBody } from '../shared/parseJson.ts';
import { normalizeTaxRecord } from './normalizeTaxRecord.ts';
import { TAX_BATCH_LIMIT, taxBatchResponse } from './wire.ts';

/** Tax lookups. */
export class TaxConnector {
  constructor(private readonly http: DepartmentHttp) {}

  /** Tax profiles of the codes the tax system knows (unknown codes are absent), one call of at most 100 codes. */
  async fetchMany(usccs: readonly string[], lane: Lane = 'interactive'): Promise<Map<string, TaxProfile>> {
    const out = new Map<string, TaxProfile>();
    assertBatch(usccs, TAX_BATCH_LIMIT);
    const body = await this.http.read(
      {
        method: 'POST',
        path: '/api/v1/nsxy/batch',
        route: 'POST /api/v1/nsxy/batch',
        body: JSON.stringify({ nsrsbhList: usccs }),
        lane,
      },
      (res) => {
        if (res.status !== 200) throw new DepartmentError('TAX', 'rejected', res.status);
        const parsed = parseBody('TAX', res.text, taxBatchResponse);
        // HTTP 200 with a non-"0000" code is the tax system's error envelope.
        if (parsed.code !== '0000')
          throw new DepartmentError('TAX', parsed.code === 'E101' ? 'rejected' : 'unavailable', res.status);
        return parsed;
      },
    );
    for (const w of body.data ?? [])
      out.set(
        w.nsrsbh,
        normalizeOrReject('TAX', () => normalizeTaxRecord(w)),
      );
    return out;
  }
}
