/**
 * The public credit report (公共信用信息报告) as HTML, in the sections people know from the
 * provincial platforms: 基本信息, 行政许可 (from a declared department, else stated as
 * not covered), 行政处罚 by
 * department, 失信惩戒, 守信激励, 信用承诺, declared departments' own sections, 信用评价 with its basis, 信用修复与异议, 报告说明.
 * Every time is Beijing time. The same HTML is printed to PDF (page numbers in the footer).
 */
import { declaredDepartments, everyDepartmentLabel } from '../../departments/declared/declarations.ts';
import { escapeHtml } from '../../util/escapeHtml.ts';
import { departmentsInWords } from '../../departments/registry.ts';
import { declaredSections, type DeclaredPartStatus } from './declaredSections.ts';
import { hidden, none, table, type Row } from './reportTable.ts';
import type { SealImage } from './seal.ts';
import type { Certified } from './verification.ts';

const esc = escapeHtml;
/** The five's labels and the declared departments' (src/departments/declared/). */
const DEPARTMENT = everyDepartmentLabel();
const SEVERITY: Record<string, string> = { MINOR: '轻微', GENERAL: '一般', SERIOUS: '严重' };
const STATUS: Record<string, string> = {
  ACTIVE: '有效',
  DISPUTED: '异议处理中',
  EXPIRED: '公示期满',
  REPAIRED: '已修复',
  REMOVED: '已移出',
  REORGANIZED: '重整前记录',
};
const COMMITMENT: Record<string, string> = { FULFILLED: '已履约', PENDING: '履约中', BREACHED: '未履约' };
const OBJECTION: Record<string, string> = { OPEN: '处理中', UPHELD: '异议成立', REJECTED: '异议不成立' };
/** Record kinds under 失信惩戒 (joint punishment lists and court measures); the rest of the non-penalty records follow them. */
const PUNISHMENT_KINDS = new Set([
  'DISHONEST_DEBTOR',
  'ENFORCEMENT_CASE',
  'CONSUMPTION_RESTRICTION',
  'SERIOUS_VIOLATION',
  'MAJOR_TAX_CASE',
  'BLACK_LIST',
]);
const KIND: Record<string, string> = {
  ADMINISTRATIVE_PENALTY: '行政处罚',
  DISHONEST_DEBTOR: '失信被执行人',
  ENFORCEMENT_CASE: '被执行人',
  CONSUMPTION_RESTRICTION: '限制消费',
  ABNORMAL_OPERATIONS: '经营异常名录',
  SERIOUS_VIOLATION: '严重违法失信名单',
  MAJOR_TAX_CASE: '重大税收违法失信案件',
  TAX_GRADE_D: '纳税信用D级',
  TAX_ARREARS: '欠税',
  ABNORMAL_TAXPAYER: '非正常户',
  BLACK_LIST: '严重失信主体名单',
  BREACHED_COMMITMENT: '未履行信用承诺',
  ENVIRONMENTAL_CARD: '环保信用评价',
  // The declared departments' record kinds, named as their declarations title them.
  ...Object.fromEntries(
    declaredDepartments().flatMap((d) => (d.records ?? []).map((r) => [r.kind, r.title])),
  ),
};
const SOURCE: Record<string, string> = { OK: '正常', STALE: '缓存（部门暂不可用）', UNAVAILABLE: '不可用' };

/** A record's document number for people: its id without the department prefix and kind suffix (`court:(2026)粤1581执113号#ENFORCEMENT_CASE` → `(2026)粤1581执113号`). */
export function documentNumber(id: string): string {
  return id.replace(/^[a-z]+:/, '').replace(/#[A-Z_]+$/, '');
}

/** A record reference for people: its department and document number (`market:汕市监罚〔2026〕1号` → `市场监管 汕市监罚〔2026〕1号`). */
export function recordRefWords(ref: string): string {
  if (ref === 'evaluation') return '信用评价结果';
  const dept = /^([a-z]+):/.exec(ref)?.[1];
  return `${dept ? `${DEPARTMENT[dept.toUpperCase()] ?? dept} ` : ''}${documentNumber(ref)}`;
}

/** How long a printed report stands as the enterprise's credit record, in days (报告有效期). */
export const REPORT_VALID_DAYS = 30;

const BEIJING = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** An instant as Beijing time, `2026-11-01 16:00:00`. */
export function beijingTime(iso: string | number): string {
  const parts = Object.fromEntries(BEIJING.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour === '24' ? '00' : parts.hour}:${parts.minute}:${parts.second}`;
}

/** The data a report shows (as the GraphQL API answered it for the caller; null where the caller may not see it). */
export interface ReportData {
  /** The ledger was away: objection progress and interviews are unknown, not absent. */
  ledgerUnavailable?: boolean;
  /** Per declared department key: why its part of the report is absent (its field's error). */
  declaredStatus?: Record<string, DeclaredPartStatus>;
  enterprise: {
    uscc: string;
    name: string | null;
    code: { regionCode: string; organizationTypeName: string | null; checksumValid: boolean };
    registration: {
      status: string;
      statusText: string;
      establishedOn: string;
      entityType: string;
      authority: string;
      address: string;
      /** 经营范围, GB/T 4754 class and the latest 核准日期 (asked for by the report; absent in older data). */
      scope?: string;
      industryCode?: string;
      approvedOn?: string;
      legalRepresentative: { name: string };
      registeredCapital?: { text: string } | null;
    } | null;
    evaluation: {
      grade: string;
      label: string;
      ruleSet: string;
      ruleSetName?: string;
      version: string;
      evaluatedAt: string;
      period?: { from: string; to: string } | null;
      basis: { rule: string; ruleName?: string; records?: Array<{ id: string; title: string }> | null };
      complete: boolean;
      missingDepartments: string[];
    } | null;
    records: Array<{
      id: string;
      department: string;
      kind: string;
      severity: string;
      date: string;
      title: string;
      status: string;
      publicity: { until: string | null };
      penalty?: {
        kinds: string[];
        amount: string | null;
        fact: string;
        authority: string | null;
      } | null;
    }>;
    /** Records with their history (repaired ones among them), to say what each repair repaired. */
    history?: Array<{
      id: string;
      recordRef: string;
      title: string;
      date: string;
      penalty?: { authority: string | null } | null;
    }> | null;
    credit: {
      lists?: Array<{
        id: string;
        list: 'RED' | 'BLACK';
        domain: string;
        reason: string;
        authority: string;
        listedOn: string;
        removedOn: string | null;
      }> | null;
      commitments?: Array<{
        id: string;
        type: string;
        matter: string;
        content: string;
        signedOn: string;
        dueOn: string | null;
        status: string;
        overdue: boolean;
      }> | null;
      repairs: Array<{ recordRef: string; repairedOn: string }> | null;
      objections?: Array<{
        id: string;
        recordRef: string;
        status: string;
        filedOn: string;
        resolvedOn: string | null;
        /** The workflow on it (null: not filed through the gateway, or the ledger away). */
        progress?: {
          department: string;
          answerDueOn: string | null;
          compareDueOn: string | null;
          deadlinesKnown: boolean;
          decision: string | null;
          answer: string | null;
          answeredOn: string | null;
          overdue: boolean;
        } | null;
      }> | null;
    } | null;
    /** 约谈 records (null: the ledger away or none kept). */
    interviews?: Array<{
      department: string;
      kind: string;
      heldOn: string;
      required: string;
      rectifyBy: string;
      rectifiedOn: string | null;
      overdue: boolean;
    }> | null;
    sources: Array<{ department: string; status: string; fetchedAt: string | null }>;
    /** Departments' own ratings by year (null: the reader may not see them, or no data). */
    tax?: { ratings?: Array<{ year: number; grade: string }> | null } | null;
    environment?: { ratings?: Array<{ year: number; card: string }> | null } | null;
  };
}

/** Who issued the report and for whom (出具单位, 查询机构, 查询目的). */
export interface ReportIssue {
  issuer: string;
  /** The issuer's seal mark, or null where the deployment configured none (said so on the report). */
  seal: SealImage | null;
  /** The organization (or the enterprise itself) that asked. */
  requester: string;
  /** The purpose stated, in words. */
  purpose: string;
}

const CARD: Record<string, string> = {
  GREEN: '绿牌',
  BLUE: '蓝牌',
  YELLOW: '黄牌',
  RED: '红牌',
  BLACK: '黑牌',
};

/** 七、信用评价's departmental ratings: tax grades and environmental cards by year. */
function departmentRatings(e: ReportData['enterprise']): string {
  const tax = e.tax?.ratings ?? [];
  const env = e.environment?.ratings ?? [];
  if (tax.length === 0 && env.length === 0) return '';
  const years = [...new Set([...tax.map((r) => r.year), ...env.map((r) => r.year)])].sort((a, b) => b - a);
  return `<h3>部门信用评价</h3>${table(
    ['年度', '纳税信用等级', '环保信用评价'],
    years.map((y) => [
      String(y),
      esc(tax.find((r) => r.year === y)?.grade),
      esc(CARD[env.find((r) => r.year === y)?.card ?? ''] ?? env.find((r) => r.year === y)?.card),
    ]),
    'department-ratings',
  )}`;
}

/** How the report is verified: the short code, the full URL (also in the QR code, as SVG). */
export interface ReportVerification {
  code: string;
  url: string;
  qrSvg: string;
}

/** 三、行政处罚: per department, each decision with its details. */
function penalties(records: ReportData['enterprise']['records']): string {
  const byDept = new Map<string, typeof records>();
  for (const r of records.filter((x) => x.kind === 'ADMINISTRATIVE_PENALTY'))
    byDept.set(r.department, [...(byDept.get(r.department) ?? []), r]);
  if (byDept.size === 0) return none('无行政处罚记录。');
  return [...byDept]
    .map(
      ([d, rs]) =>
        `<h3>${esc(DEPARTMENT[d])}</h3>${table(
          ['决定日期', '决定书文号 / 事由', '处罚种类', '罚没金额（元）', '处罚机关', '严重程度', '状态'],
          rs.map((r) => [
            esc(r.date),
            `${esc(r.title)}<div class="meta">文书号 ${esc(documentNumber(r.id))}${r.publicity.until ? ` · 公示至 ${esc(r.publicity.until)}` : ''}</div>${r.penalty?.fact ? `<div class="meta">违法事实：${esc(r.penalty.fact)}</div>` : ''}`,
            esc(r.penalty?.kinds.join('、')),
            esc(r.penalty?.amount),
            esc(r.penalty?.authority),
            esc(SEVERITY[r.severity]),
            esc(STATUS[r.status]),
          ]),
        )}`,
    )
    .join('');
}

/** 四、失信惩戒: list entries and court measures, then the other records. */
function punishments(e: ReportData['enterprise']): string {
  const recordRow = (r: ReportData['enterprise']['records'][number]): Row => [
    esc(r.date),
    esc(KIND[r.kind] ?? r.kind),
    `${esc(r.title)}<div class="meta">文书号 ${esc(documentNumber(r.id))}${r.publicity.until ? ` · 公示至 ${esc(r.publicity.until)}` : ''}</div>`,
    esc(DEPARTMENT[r.department]),
    esc(SEVERITY[r.severity]),
    esc(STATUS[r.status]),
  ];
  const head = ['日期', '类别', '内容', '来源部门', '严重程度', '状态'];
  const lists = e.records.filter((r) => PUNISHMENT_KINDS.has(r.kind));
  const others = e.records.filter(
    (r) => r.kind !== 'ADMINISTRATIVE_PENALTY' && !PUNISHMENT_KINDS.has(r.kind),
  );
  return `<h3>（一）失信惩戒名单与司法措施</h3>${lists.length ? table(head, lists.map(recordRow), 'punishments') : none('未列入失信惩戒名单，无失信被执行人、被执行人或限制消费记录。')}
<h3>（二）其他失信记录</h3>${others.length ? table(head, others.map(recordRow)) : none('无。')}`;
}

/** 五、守信激励: red-list entries. */
function incentives(lists: NonNullable<ReportData['enterprise']['credit']>['lists']): string {
  if (!lists) return hidden;
  const red = lists.filter((l) => l.list === 'RED');
  if (red.length === 0) return none('未列入守信激励对象名单。');
  return table(
    ['名单领域', '列入事由', '认定部门', '列入日期', '移出日期'],
    red.map((l) => [esc(l.domain), esc(l.reason), esc(l.authority), esc(l.listedOn), esc(l.removedOn)]),
    'red-list',
  );
}

/** 六、信用承诺 and their fulfilment. */
function commitments(cs: NonNullable<ReportData['enterprise']['credit']>['commitments']): string {
  if (!cs) return hidden;
  if (cs.length === 0) return none('无信用承诺记录。');
  return table(
    ['承诺类型', '事项', '承诺内容', '承诺日期', '履约期限', '履约情况'],
    cs.map((c) => [
      esc(c.type),
      esc(c.matter),
      esc(c.content),
      esc(c.signedOn),
      esc(c.dueOn),
      esc(c.overdue ? '逾期未履约' : COMMITMENT[c.status]),
    ]),
  );
}

/** 八、信用修复与异议. */
export function repairsAndObjections(
  credit: ReportData['enterprise']['credit'],
  records: NonNullable<ReportData['enterprise']['history']>,
  interviews: ReportData['enterprise']['interviews'] = null,
  ledgerUnavailable = false,
): string {
  const away = '暂不可用（全市信用账本暂不可用，出具时无法读取）';
  const repairs = credit?.repairs ?? null;
  const objections = credit?.objections ?? null;
  if (repairs === null && objections === null) return hidden;
  return `<h3>（一）信用修复记录</h3>${
    repairs === null
      ? hidden
      : repairs.length
        ? table(
            ['修复日期', '所涉记录', '作出修复决定的机关', '修复效果'],
            repairs.map((r) => {
              // What was repaired, in words, and who decided: the record's own department (the credit
              // platform's contract, connectors/credit/wire.ts: the owner decides a repair) — its deciding authority where the record names one.
              const record = records.find((x) => x.recordRef === r.recordRef);
              const dept = /^([a-z]+):/.exec(r.recordRef)?.[1]?.toUpperCase();
              return [
                esc(r.repairedOn),
                record
                  ? `${esc(record.title)}（${esc(record.date)}，文书号 ${esc(documentNumber(record.id))}）`
                  : esc(recordRefWords(r.recordRef)),
                esc(record?.penalty?.authority ?? (dept ? DEPARTMENT[dept] : null) ?? '—'),
                '停止公示，不再计入信用评价（仅向企业本身展示）',
              ];
            }),
          )
        : none('无')
  }
<h3>（二）异议记录</h3>${
    objections === null
      ? hidden
      : objections.length
        ? table(
            ['提出日期', '所涉记录', '处理结果', '办结日期', '答复部门与期限', '书面答复'],
            objections.map((o) => [
              esc(o.filedOn),
              esc(recordRefWords(o.recordRef)),
              esc(OBJECTION[o.status]),
              esc(o.resolvedOn),
              ledgerUnavailable ? esc(away) : progressWords(o.progress),
              o.progress?.decision
                ? `${esc(DECISION[o.progress.decision] ?? o.progress.decision)}（${esc(o.progress.answeredOn)}）：${esc(o.progress.answer)}`
                : '—',
            ]),
          )
        : none('无')
  }
<h3>（三）约谈记录（不计入信用评价）</h3>${
    interviews == null
      ? none(ledgerUnavailable ? away : '—')
      : interviews.length
        ? table(
            ['约谈日期', '约谈部门', '约谈类型', '整改要求', '整改期限', '整改情况'],
            interviews.map((i) => [
              esc(i.heldOn),
              esc(DEPARTMENT[i.department] ?? i.department),
              i.kind === 'WARNING' ? '警示约谈' : '提示约谈',
              esc(i.required),
              esc(i.rectifyBy),
              i.rectifiedOn ? `已整改（${esc(i.rectifiedOn)}）` : i.overdue ? '逾期未整改' : '整改中',
            ]),
          )
        : none('无')
  }`;
}

const DECISION: Record<string, string> = { ACCEPTED: '异议成立', REJECTED: '异议不成立' };

/** Who answers an objection and by when, in words (— for one not filed through the gateway). */
function progressWords(
  p: NonNullable<NonNullable<ReportData['enterprise']['credit']>['objections']>[number]['progress'],
): string {
  if (!p) return '—';
  const who = esc(DEPARTMENT[p.department] ?? p.department);
  if (!p.deadlinesKnown) return `${who}（期限待定：工作日历未涵盖该年度）`;
  return `${who}：${esc(p.answerDueOn)} 前书面答复，${esc(p.compareDueOn)} 前完成核查${p.overdue ? '（已逾期）' : ''}`;
}

/** 一、基本信息: the registry's record of the enterprise. */
function basics(e: ReportData['enterprise']): string {
  return `<table class="kv">
<tr><th>企业名称</th><td>${esc(e.name)}</td></tr>
<tr><th>统一社会信用代码</th><td>${esc(e.uscc)}${e.code.checksumValid ? '' : '（校验码不符，登记机关确认在册）'}</td></tr>
<tr><th>主体类型</th><td>${esc(e.registration?.entityType ?? e.code.organizationTypeName)}</td></tr>
<tr><th>法定代表人</th><td>${esc(e.registration?.legalRepresentative.name)}</td></tr>
<tr><th>注册资本</th><td>${esc(e.registration?.registeredCapital?.text)}</td></tr>
<tr><th>登记状态</th><td>${esc(e.registration?.statusText)}</td></tr>
<tr><th>成立日期</th><td>${esc(e.registration?.establishedOn)}</td></tr>
<tr><th>登记机关</th><td>${esc(e.registration?.authority)}</td></tr>
<tr><th>住所</th><td>${esc(e.registration?.address)}</td></tr>
<tr><th>经营范围</th><td>${esc(e.registration?.scope)}</td></tr>
<tr><th>所属行业</th><td>${e.registration?.industryCode ? `国民经济行业分类 ${esc(e.registration.industryCode)}` : '—'}</td></tr>
<tr><th>核准日期</th><td>${esc(e.registration?.approvedOn)}</td></tr>
</table>`;
}

/** Renders the report page (also the source of the PDF). */
/** 七、信用评价: the grade, its basis and rule set, whether every department answered, the departments' own ratings. */
function evaluation(e: ReportData['enterprise']): string {
  const ev = e.evaluation;
  if (!ev) return none('—');
  return `<p class="grade" id="grade">${esc(ev.label)}</p>
<table class="kv">
<tr><th>评价依据</th><td>${esc(ev.basis.ruleName ?? ev.basis.rule)}</td></tr>
${ev.basis.records?.length ? `<tr><th>所依据的记录</th><td>${ev.basis.records.map((r) => `${esc(r.title)}<span class="meta">（文书号 ${esc(documentNumber(r.id))}）</span>`).join('<br>')}</td></tr>` : ''}
<tr><th>评价规则</th><td>${esc(ev.ruleSetName ?? ev.ruleSet)}（版本 ${esc(ev.version)}）</td></tr>
<tr><th>评价日期</th><td>${esc(ev.evaluatedAt)}${ev.period ? `（考察期 ${esc(ev.period.from)} 至 ${esc(ev.period.to)}）` : ''}</td></tr>
<tr><th>数据完整性</th><td>${ev.complete ? '各部门数据齐全' : `以下部门数据缺失：${ev.missingDepartments.map((d) => esc(DEPARTMENT[d])).join('、')}`}</td></tr>
</table>${departmentRatings(e)}`;
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** A section's number in words (一 … 十, 十一 … 十九). */
const numeral = (n: number): string => (n <= 10 ? NUMERALS[n - 1]! : `十${NUMERALS[n - 11]}`);

/**
 * The report's sections before 报告说明, titled: the standard ones in their order, a declared
 * department's 行政许可 in its place (said not covered when no department supplies it), and the
 * declared departments' own sections after 信用承诺.
 */
function sections(data: ReportData): Array<[string, string]> {
  const e = data.enterprise;
  const declared = declaredSections(e as unknown as Record<string, unknown>, data.declaredStatus ?? {});
  const licensing =
    declared.filled.get('行政许可') ??
    `<p id="licensing">本报告的信息来源为${departmentsInWords('及')}，<strong>不含行政许可信息</strong>。行政许可信息请向作出许可的部门或“信用中国（广东）”查询。</p>`;
  return [
    ['基本信息', basics(e)],
    ['行政许可', licensing],
    ['行政处罚', penalties(e.records)],
    ['失信惩戒', punishments(e)],
    ['守信激励', incentives(e.credit?.lists ?? null)],
    ['信用承诺及履约情况', commitments(e.credit?.commitments ?? null)],
    ...declared.own.map((d): [string, string] => [d.title, d.html]),
    ['信用评价', evaluation(e)],
    [
      '信用修复与异议',
      repairsAndObjections(e.credit, e.history ?? [], e.interviews ?? null, data.ledgerUnavailable ?? false),
    ],
  ];
}

export function reportHtml(
  data: ReportData,
  cert: Certified,
  v: ReportVerification,
  ruleSetNote: string,
  issue: ReportIssue,
): string {
  const e = data.enterprise;
  const ev = e.evaluation;
  const body = sections(data);
  const validUntil = beijingTime(Date.parse(cert.generatedAt) + REPORT_VALID_DAYS * 86_400_000).slice(0, 10);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>公共信用信息报告 ${esc(cert.reportNo)}</title>
<style>
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; margin: 2rem; color: #111; }
h1 { text-align: center; letter-spacing: 0.3em; } h2 { border-bottom: 2px solid #333; padding-bottom: 0.2rem; margin-top: 1.6rem; break-after: avoid; }
h3 { margin: 0.8rem 0 0.3rem; font-size: 1rem; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 0.4rem 0 0.8rem; } tr { break-inside: avoid; }
th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; font-size: 0.9rem; }
th { background: #f0f0f0; } .kv th { width: 9rem; } .meta { font-size: 0.8rem; color: #333; word-break: break-all; }
.grade { font-size: 1.6rem; font-weight: bold; } .none { color: #333; } .code { font-family: monospace; font-size: 1.1rem; letter-spacing: 0.05em; }
.verify { display: flex; gap: 1rem; align-items: center; } .verify svg { width: 32mm; height: 32mm; flex: none; }
.notice { font-size: 0.8rem; color: #333; } .nw { white-space: nowrap; }
.issuer { display: flex; justify-content: space-between; align-items: center; gap: 1rem; }
img.seal { width: 36mm; height: 36mm; object-fit: contain; flex: none; } p.seal { font-size: 0.8rem; flex: none; }
</style></head><body><main>
<h1>公共信用信息报告</h1>
<div class="issuer"><p class="meta" id="issue">出具单位：<strong>${esc(issue.issuer)}</strong> · 查询机构：${esc(issue.requester)} · 查询目的：${esc(issue.purpose)}</p>
${issue.seal ? `<img id="seal" class="seal" src="${esc(issue.seal.dataUri)}" alt="出具单位印章">` : '<p id="seal" class="seal none">（本部署未配置出具单位印章）</p>'}</div>
<p class="meta">报告编号 <strong id="report-no">${esc(cert.reportNo)}</strong> · 生成时间 <span id="generated-at">${esc(beijingTime(cert.generatedAt))}</span>（北京时间） · 评价规则 ${ev ? `${esc(ev.ruleSetName ?? ev.ruleSet)}（版本 ${esc(ev.version)}）` : esc(cert.ruleSet)}</p>
${body.map(([title, html], i) => `<h2>${numeral(i + 1)}、${title}</h2>\n${html}`).join('\n')}
<h2>${numeral(body.length + 1)}、报告说明</h2>
<table class="kv" id="sources">
<tr><th>信息来源</th><td>${e.sources.map((s) => `${esc(DEPARTMENT[s.department])}：${esc(SOURCE[s.status] ?? s.status)}${s.fetchedAt ? `（数据时间 ${esc(beijingTime(s.fetchedAt))}，出具前 ${Math.max(0, Math.round((Date.parse(cert.generatedAt) - Date.parse(s.fetchedAt)) / 60_000))} 分钟读取）` : ''}`).join('<br>')}</td></tr>
<tr><th>完整性</th><td>${ev?.complete === false ? '不完整' : '完整：各来源部门均已应答'}</td></tr>
<tr><th>评价规则</th><td id="rule-set-status">${esc(ruleSetNote)}</td></tr>
<tr><th>有效期</th><td>自生成之日起 ${REPORT_VALID_DAYS} 日内（至 ${esc(validUntil)}）有效；此后请重新查询。</td></tr>
</table>
<p class="notice">本报告依据各部门依法归集的公共信用信息生成，仅反映报告生成时的信息状况。信息主体对报告内容有异议的，可通过本平台提出异议申请；经核实有误的，由信息提供部门更正。本报告不得用于法律法规禁止的用途；未经信息主体同意，不得向第三方提供。</p>
<div class="verify">
${v.qrSvg}
<div><p>核验码：<span class="code" id="verification-code">${esc(v.code)}</span></p>
<p class="meta">扫描二维码，或在 <span id="verification-url">${esc(v.url)}</span> 核验本报告的真实性与内容摘要。</p>
<p class="meta">内容摘要（SHA-256 前128位）：${esc(cert.digest)}</p></div>
</div>
</main></body></html>`;
}
