/** The environment service's client: XML batches of at most 50 codes, `<Status>` OK or ERROR. */
import type { Lane } from '../shared/DepartmentLimits.ts';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { EnvironmentProfile } from '../../src/model/unifiedModel.ts';
import { DepartmentError } from '../shared/DepartmentError.ts';
import type { DepartmentHttp } from '../shared/DepartmentHttp.ts';
import { assertBatch, normalizeOrReject } from '../shared/parseJson.ts';
import { normalizeEnvironment } from './normalizeEnvironment.ts';
import { ENVIRONMENT_BATCH_LIMIT, type EnvEnterpriseWire } from './wire.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) => name === 'Enterprise' || name === 'Rating' || name === 'Penalty',
});

type Attrs = Record<string, string | undefined>;
interface ParsedResponse {
  QueryResponse?: { Status?: string; Enterprise?: Array<Attrs & { Rating?: Attrs[]; Penalty?: Attrs[] }> };
}

const escape = (s: string): string =>
  s.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!);

/** Parses a response body; an ERROR status or broken XML becomes a `DepartmentError`. */
export function parseEnvironmentResponse(text: string): EnvEnterpriseWire[] {
  if (XMLValidator.validate(text) !== true) throw new DepartmentError('ENVIRONMENT', 'bad-response');
  const doc = parser.parse(text) as ParsedResponse;
  const res = doc.QueryResponse;
  if (!res) throw new DepartmentError('ENVIRONMENT', 'bad-response');
  if (res.Status !== 'OK') throw new DepartmentError('ENVIRONMENT', 'unavailable');
  const attr = (a: Attrs, k: string): string => {
    const v = a[k];
    if (typeof v !== 'string') throw new DepartmentError('ENVIRONMENT', 'bad-response');
    return v;
  };
  return (res.Enterprise ?? []).map((e) => ({
    code: attr(e, 'code'),
    ratings: (e.Rating ?? []).map((r) => ({ year: attr(r, 'year'), card: attr(r, 'card') })),
    penalties: (e.Penalty ?? []).map((p) => ({
      docNo: attr(p, 'docNo'),
      date: attr(p, 'date'),
      kind: attr(p, 'kind'),
      amount: p.amount ?? '',
      fact: p.fact ?? '',
    })),
  }));
}

/** Environment lookups. */
export class EnvironmentConnector {
  constructor(
    private readonly http: DepartmentHttp,
    private readonly appKey: string,
  ) {}

  /** Profiles of the codes the environment service holds (others are absent), one call of at most 50 codes. */
  async fetchMany(
    usccs: readonly string[],
    lane: Lane = 'interactive',
  ): Promise<Map<string, EnvironmentProfile>> {
    const out = new Map<string, EnvironmentProfile>();
    assertBatch(usccs, ENVIRONMENT_BATCH_LIMIT);
    const body = `<QueryRequest><AppKey>${escape(this.appKey)}</AppKey><Codes>${usccs.map((c) => `<Code>${escape(c)}</Code>`).join('')}</Codes></QueryRequest>`;
    const list = await this.http.read(
      {
        method: 'POST',
        path: '/ws/EnvCreditService',
        route: 'POST /ws/EnvCreditService',
        body,
        contentType: 'text/xml; charset=utf-8',
        lane,
      },
      (res) => {
        if (res.status !== 200) throw new DepartmentError('ENVIRONMENT', 'rejected', res.status);
        return parseEnvironmentResponse(res.text);
      },
    );
    for (const w of list)
      out.set(
        w.code,
        normalizeOrReject('ENVIRONMENT', () => normalizeEnvironment(w)),
      );
    return out;
  }
}
