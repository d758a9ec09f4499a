/**
 * The tax system's wire format (its published contract), stated once: zod schemas the connector parses
 * with and the sandbox serves by, and the types inferred from them. Pinyin field names, status
 * in `code`.
 */
import { DEPARTMENTS } from '../../src/departments/registry.ts';
import { z } from 'zod';

const str = z.string();

/** The largest batch the tax system accepts. */
export const TAX_BATCH_LIMIT = DEPARTMENTS.TAX.batchLimit;

/** `POST /api/v1/nsxy/batch` body; at most {@link TAX_BATCH_LIMIT} codes. */
export interface TaxBatchRequest {
  nsrsbhList: string[];
}

/**
 * One taxpayer's record: 纳税人识别号 `nsrsbh` (the USCC), 名称 `nsrmc`, 纳税信用等级 `nsxydj` per
 * evaluation year, 欠税金额 `qsje` (yuan), 非正常户标识 `fzchbs` Y/N, 重大税收违法失信案件 `zdsswfaj`
 * (`ycrq` the removal date), 纳税金额 `nsje` per year, 行政处罚信息 `cfxx`.
 */
export const taxRecordWire = z.object({
  nsrsbh: str,
  nsrmc: str,
  nsxydj: z.array(z.object({ pjnd: str, dj: str })),
  qsje: str,
  fzchbs: str,
  zdsswfaj: z.array(z.object({ ajbh: str, wfss: str, lrrq: str, ycrq: str.nullable() })),
  nsje: z.array(z.object({ nd: str, je: str })),
  cfxx: z.array(z.object({ cfjdswh: str, cfrq: str, cfzl: str, fkje: str.nullable(), wfxw: str })),
});
/** One taxpayer's record on the wire. */
export type TaxRecordWire = z.infer<typeof taxRecordWire>;

/** The envelope: success is `code === "0000"`, always HTTP 200 on a processed request. */
export const taxBatchResponse = z.object({ code: str, msg: str, data: z.array(taxRecordWire).optional() });
/** The envelope on the wire. */
export type TaxBatchResponse = z.infer<typeof taxBatchResponse>;
