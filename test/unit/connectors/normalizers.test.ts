import { describe, expect, it } from 'vitest';
import {
  normalizeDishonest,
  normalizeEnforced,
  normalizeRestriction,
} from '../../../connectors/court/normalizeCourt.ts';
import { normalizeSubject } from '../../../connectors/credit/normalizeCredit.ts';
import { parseEnvironmentResponse } from '../../../connectors/environment/EnvironmentConnector.ts';
import { normalizeEnvironment } from '../../../connectors/environment/normalizeEnvironment.ts';
import {
  normalizeListing,
  normalizeMarketPenalty,
  normalizeRegistration,
} from '../../../connectors/market/normalizeMarket.ts';
import { DepartmentError } from '../../../connectors/shared/DepartmentError.ts';
import {
  chineseDate,
  compactDate,
  FormatError,
  money,
  registeredCapital,
  splitKinds,
} from '../../../connectors/shared/formats.ts';
import { normalizeTaxRecord } from '../../../connectors/tax/normalizeTaxRecord.ts';

describe('formats', () => {
  it.each([
    ['2023年03月05日', '2023-03-05'],
    ['2023年3月5日', '2023-03-05'],
    [' 2024年12月31日 ', '2024-12-31'],
  ])('Chinese date %s', (raw, iso) => expect(chineseDate(raw)).toBe(iso));
  it.each(['2023-03-05', '2023年13月05日', '2023年02月30日', '二〇二三年三月五日'])(
    'refuses %s as a Chinese date',
    (raw) => expect(() => chineseDate(raw)).toThrow(FormatError),
  );
  it('compact dates', () => {
    expect(compactDate('20230315')).toBe('2023-03-15');
    expect(() => compactDate('2023-03-15')).toThrow(FormatError);
    expect(() => compactDate('20230230')).toThrow(FormatError);
  });
  it.each([
    ['20000', '20000.00'],
    ['20000.5', '20000.50'],
    ['1,234.50', '1234.50'],
    [150000, '150000.00'],
    [0.1, '0.10'],
    ['12.345', '12.35'],
    ['99.994', '99.99'],
    ['0.00', '0.00'],
  ] as const)('money %s → %s', (raw, out) => expect(money(raw)).toBe(out));
  it.each(['12e3', 'abc', '', '1.2.3'])('refuses %s as money', (raw) =>
    expect(() => money(raw)).toThrow(FormatError),
  );
  it('splits joined kinds on every separator the departments use', () => {
    expect(splitKinds('罚款、没收违法所得')).toEqual(['罚款', '没收违法所得']);
    expect(splitKinds('罚款,责令停产停业')).toEqual(['罚款', '责令停产停业']);
    expect(splitKinds('警告；罚款')).toEqual(['警告', '罚款']);
  });
  it('reads registered capital in 万元', () => {
    expect(registeredCapital('500万元人民币')).toEqual({
      text: '500万元人民币',
      amount: '5000000.00',
      currency: 'CNY',
    });
    expect(registeredCapital('12.5万元美元')).toMatchObject({ amount: '125000.00', currency: 'USD' });
    expect(registeredCapital('面议')).toEqual({ text: '面议', amount: null, currency: null });
  });
});

describe('tax normalizer', () => {
  const wire = {
    nsrsbh: '914403001922038216',
    nsrmc: '某公司',
    nsxydj: [
      { pjnd: '2022', dj: 'B' },
      { pjnd: '2023', dj: 'A' },
    ],
    qsje: '0',
    fzchbs: 'N',
    zdsswfaj: [{ ajbh: 'AJ1', wfss: '虚开', lrrq: '2023-06-01', ycrq: null }],
    nsje: [{ nd: '2023', je: '1234567.8' }],
    cfxx: [
      {
        cfjdswh: '深税稽罚〔2023〕12号',
        cfrq: '2023-05-10',
        cfzl: '罚款,没收违法所得',
        fkje: '20000',
        wfxw: '少缴',
      },
    ],
  };
  it('sorts ratings newest first, reads Y/N, money and joined kinds', () => {
    const t = normalizeTaxRecord(wire);
    expect(t.ratings).toEqual([
      { year: 2023, grade: 'A' },
      { year: 2022, grade: 'B' },
    ]);
    expect(t.arrears).toBe('0.00');
    expect(t.abnormalTaxpayer).toBe(false);
    expect(t.taxPaid[0]!.amount).toBe('1234567.80');
    expect(t.penalties[0]).toMatchObject({
      department: 'TAX',
      kinds: ['罚款', '没收违法所得'],
      amount: '20000.00',
      date: '2023-05-10',
    });
    expect(t.majorCases[0]).toEqual({ id: 'AJ1', fact: '虚开', listedOn: '2023-06-01', removedOn: null });
  });
  it.each([
    ['fzchbs', { fzchbs: 'X' }],
    ['grade', { nsxydj: [{ pjnd: '2023', dj: 'Z' }] }],
    ['year', { nsje: [{ nd: '23', je: '1' }] }],
    ['date', { cfxx: [{ ...wire.cfxx[0]!, cfrq: '2023/05/10' }] }],
  ])('refuses a bad %s', (_f, patch) =>
    expect(() => normalizeTaxRecord({ ...wire, ...patch })).toThrow(FormatError),
  );
});

describe('market normalizer', () => {
  it('maps the registry record and status to English', () => {
    const r = normalizeRegistration({
      entName: '某公司',
      uscc: 'X',
      legalRep: { name: '张三', idNo: '440301198001011234' },
      entType: '有限责任公司',
      regStatus: '吊销',
      estDate: '2015-03-02',
      regCap: '500万元人民币',
      regOrg: '局',
      dom: '地址',
      opScope: '范围',
      industryCode: 'C1391',
      apprDate: '2024-05-10',
    });
    expect(r).toMatchObject({
      status: 'REVOKED',
      statusText: '吊销',
      establishedOn: '2015-03-02',
      industryCode: 'C1391',
      approvedOn: '2024-05-10',
      registeredCapital: { amount: '5000000.00' },
    });
  });
  it('refuses an unknown status', () => {
    expect(() =>
      normalizeRegistration({
        entName: '',
        uscc: '',
        legalRep: { name: '', idNo: '' },
        entType: '',
        regStatus: 'alive',
        estDate: '2015-03-02',
        regCap: '',
        regOrg: '',
        dom: '',
        opScope: '',
        industryCode: 'C1391',
        apprDate: '2024-05-10',
      }),
    ).toThrow(FormatError);
  });
  it('splits 、-joined penalty types', () => {
    const p = normalizeMarketPenalty({
      penDecNo: 'N1',
      illegActType: '虚假宣传',
      penType: '罚款、没收违法所得',
      penAm: '30000.00',
      penDecIssDate: '2024-02-01',
      penAuth: '局',
      penContent: '',
    });
    expect(p).toMatchObject({
      department: 'MARKET',
      kinds: ['罚款', '没收违法所得'],
      amount: '30000.00',
      authority: '局',
    });
  });
  it('keeps a listing listed while remDate is null', () => {
    expect(
      normalizeListing(
        'abnormal',
        { speCause: '无法联系', abntime: '2024-01-02', decOrg: '局', remExcpRes: null, remDate: null },
        0,
      ),
    ).toEqual({
      id: 'abnormal-2024-01-02-1',
      reason: '无法联系',
      listedOn: '2024-01-02',
      authority: '局',
      removedOn: null,
      removalReason: null,
    });
  });
});

describe('environment normalizer', () => {
  const ok = `<?xml version="1.0"?><QueryResponse><Status>OK</Status>
    <Enterprise code="A1"><Rating year="2022" card="BLUE"/><Rating year="2023" card="RED"/>
    <Penalty docNo="汕环罚〔2023〕8号" date="20230315" kind="罚款、责令停产停业" amount="50000" fact="超标排放"/></Enterprise>
    <Enterprise code="A2"/></QueryResponse>`;
  it('reads attributes, YYYYMMDD dates and integer amounts', () => {
    const list = parseEnvironmentResponse(ok);
    expect(list.map((e) => e.code)).toEqual(['A1', 'A2']);
    const e = normalizeEnvironment(list[0]!);
    expect(e.ratings[0]).toEqual({ year: 2023, card: 'RED' });
    expect(e.penalties[0]).toMatchObject({
      date: '2023-03-15',
      amount: '50000.00',
      kinds: ['罚款', '责令停产停业'],
    });
    expect(normalizeEnvironment(list[1]!)).toEqual({ ratings: [], penalties: [] });
  });
  it('turns Status ERROR and broken XML into department errors', () => {
    const err = (text: string): DepartmentError => {
      try {
        parseEnvironmentResponse(text);
      } catch (e) {
        return e as DepartmentError;
      }
      throw new Error('accepted');
    };
    expect(
      err('<QueryResponse><Status>ERROR</Status><Message>系统内部错误</Message></QueryResponse>').kind,
    ).toBe('unavailable');
    expect(err(ok.slice(0, ok.length / 2)).kind).toBe('bad-response');
    expect(err('{"json":true}').kind).toBe('bad-response');
  });
  it('refuses an unknown card', () => {
    expect(() =>
      normalizeEnvironment({ code: 'A', ratings: [{ year: '2023', card: 'PURPLE' }], penalties: [] }),
    ).toThrow(FormatError);
  });
});

describe('court normalizer', () => {
  it('reads Chinese dates, list status and numeric money', () => {
    expect(
      normalizeDishonest({
        caseCode: 'C1',
        courtName: '法院',
        publishDate: '2023年03月05日',
        performance: '全部未履行',
        duty: 'd',
        disruptTypeName: 's',
        status: '已移除',
        removeDate: '2023年04月01日',
      }),
    ).toMatchObject({
      publishedOn: '2023-03-05',
      onList: false,
      removedOn: '2023-04-01',
    });
    expect(
      normalizeEnforced({
        caseCode: 'C1',
        courtName: '法院',
        filingDate: '2022年1月2日',
        execMoney: 150000.5,
      }),
    ).toMatchObject({ filedOn: '2022-01-02', amount: '150000.50' });
    expect(
      normalizeRestriction({ caseCode: 'C2', courtName: '法院', issueDate: '2024年06月30日' }).issuedOn,
    ).toBe('2024-06-30');
  });
  it('refuses an unknown list status', () => {
    expect(() =>
      normalizeDishonest({
        caseCode: 'C',
        courtName: '',
        publishDate: '2023年03月05日',
        performance: '',
        duty: '',
        disruptTypeName: '',
        status: 'listed',
        removeDate: null,
      }),
    ).toThrow(FormatError);
  });
});

describe('credit normalizer', () => {
  it('reads subjects, accepting timestamps where dates are expected', () => {
    const s = normalizeSubject({
      commitments: [
        {
          id: 'c',
          type: 't',
          matter: 'm',
          content: 'x',
          signedAt: '2024-01-01',
          dueDate: '2024-03-01',
          status: 'PENDING',
        },
      ],
      reorganizations: [{ caseNo: '(2026)粤15破1号', court: '汕尾中院', approvedAt: '2026-05-01T09:00:00Z' }],
      lists: [
        {
          id: 'l',
          list: 'BLACK',
          domain: 'd',
          reason: 'r',
          authority: 'a',
          listedAt: '2024-01-01',
          removedAt: null,
        },
      ],
      repairs: [{ recordRef: 'market:N1', repairedAt: '2026-11-01' }],
      objections: [
        { id: 'o', recordRef: 'tax:T', status: 'OPEN', filedAt: '2026-10-01T10:00:00Z', resolvedAt: null },
      ],
    });
    expect(s.objections[0]!.filedOn).toBe('2026-10-01');
    expect(s.repairs[0]).toEqual({ recordRef: 'market:N1', repairedOn: '2026-11-01' });
    expect(s.commitments[0]!.dueOn).toBe('2024-03-01');
    expect(s.reorganizations).toEqual([
      { caseNo: '(2026)粤15破1号', court: '汕尾中院', approvedOn: '2026-05-01' },
    ]);
  });
});
