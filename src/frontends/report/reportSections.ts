/** The report's sections before 报告说明 (reportHtml.ts frames them): each from the data the caller may see. */
import { departmentsInWords } from '../../departments/registry.ts';
import { declaredSections } from './declaredSections.ts';
import type { ReportData } from './reportData.ts';
import { hidden, none, table, type Row } from './reportTable.ts';
import {
  COMMITMENT,
  DEPARTMENT,
  documentNumber,
  esc,
  KIND,
  OBJECTION,
  PUNISHMENT_KINDS,
  recordRefWords,
  SEVERITY,
  STATUS,
} from './reportWords.ts';

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

/**
 * The report's sections before 报告说明, titled: the standard ones in their order, a declared
 * department's 行政许可 in its place (said not covered when no department supplies it), and the
 * declared departments' own sections after 信用承诺.
 */
export function sections(data: ReportData): Array<[string, string]> {
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
