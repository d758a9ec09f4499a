/** The tax system's client: batch lookups of at most 100 codes, `code` `"0000"` or an error. */
import { z } from 'zod';
import type { TaxProfile } from '../../src/model/unifiedModel.ts';
import { DepartmentError } from '../shared/DepartmentError.ts';
import type { DepartmentHttp } from '../shared/DepartmentHttp.ts';
import { chunk, normalizeOrReject, parseBody } from '../shared/parseJson.ts';
import { normalizeTaxRecord } from './normalizeTaxRecord.ts';
import { TAX_BATCH_LIMIT, type TaxBatchResponse } from './wire.ts';

const str = z.string();
const record = z.object({
  nsrsbh: str,
  nsrmc: str,
  nsxydj: z.array(z.object({ pjnd: str, dj: str })),
  qsje: str,
  fzchbs: str,
  zdsswfaj: z.array(z.object({ ajbh: str, wfss: str, lrrq: str, ycrq: str.nullable() })),
  nsje: z.array(z.object({ nd: str, je: str })),
  cfxx: z.array(z.object({ cfjdswh: str, cfrq: str, cfzl: str, fkje: str.nullable(), wfxw: str })),
});
const envelope: z.ZodType<TaxBatchResponse> = z.object({ code: str, msg: str, data: z.array(record).optional() });

/** Tax lookups. */
export class TaxConnector {
  constructor(
    private readonly http: DepartmentHttp,
    private readonly batchSize = TAX_BATCH_LIMIT,
  ) {}

  /** Tax profiles of the codes the tax system knows (unknown codes are absent), one call per 100. */
  async fetchMany(usccs: readonly string[]): Promise<Map<string, TaxProfile>> {
    const out = new Map<string, TaxProfile>();
    const batches = chunk(usccs, Math.min(this.batchSize, TAX_BATCH_LIMIT));
    await Promise.all(
      batches.map(async (codes) => {
        const body = await this.http.read(
          { method: 'POST', path: '/api/v1/nsxy/batch', route: 'POST /api/v1/nsxy/batch', body: JSON.stringify({ nsrsbhList: codes }) },
          (res) => {
            if (res.status !== 200) throw new DepartmentError('TAX', 'rejected', res.status);
            const parsed = parseBody('TAX', res.text, envelope);
            // HTTP 200 with a non-"0000" code is the tax system's error envelope.
            if (parsed.code !== '0000') throw new DepartmentError('TAX', parsed.code === 'E101' ? 'rejected' : 'unavailable', res.status);
            return parsed;
          },
        );
        for (const w of body.data ?? []) out.set(w.nsrsbh, normalizeOrReject('TAX', () => normalizeTaxRecord(w)));
      }),
    );
    return out;
  }
}
