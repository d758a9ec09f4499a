/** The tax system's wire format (departments.md §1): pinyin field names, status in `code`. */

/** `POST /api/v1/nsxy/batch` body; at most {@link TAX_BATCH_LIMIT} codes. */
export interface TaxBatchRequest {
  nsrsbhList: string[];
}

/** The largest batch the tax system accepts. */
export const TAX_BATCH_LIMIT = 100;

/** One taxpayer's record. */
export interface TaxRecordWire {
  /** 纳税人识别号 (the USCC). */
  nsrsbh: string;
  /** 纳税人名称. */
  nsrmc: string;
  /** 纳税信用等级: rating per evaluation year. */
  nsxydj: Array<{ pjnd: string; dj: string }>;
  /** 欠税金额, yuan. */
  qsje: string;
  /** 非正常户标识 Y/N. */
  fzchbs: string;
  /** 重大税收违法失信案件; `ycrq` is the removal date. */
  zdsswfaj: Array<{ ajbh: string; wfss: string; lrrq: string; ycrq: string | null }>;
  /** 纳税金额 per year. */
  nsje: Array<{ nd: string; je: string }>;
  /** 行政处罚信息. */
  cfxx: Array<{ cfjdswh: string; cfrq: string; cfzl: string; fkje: string | null; wfxw: string }>;
}

/** The envelope: success is `code === "0000"`, always HTTP 200 on a processed request. */
export interface TaxBatchResponse {
  code: string;
  msg: string;
  data?: TaxRecordWire[];
}
