// The regulators' desk: the city's grade × tier distribution (Chart.js, bundled), the
// roster behind each bar, alerts, live credit events (Server-Sent Events), and 双随机 draws with
// their exports and publication. Plain script; the token is kept in this tab only.
/* global sessionStorage, atob, Chart, TextDecoder, AbortController, Event */
'use strict';
(() => {
  const KEY = 'cg.desk.token';
  const $ = (id) => document.getElementById(id);
  const token = () => sessionStorage.getItem(KEY);
  const TIER = { TRUSTED: '信任', NORMAL: '一般', KEY: '重点', STRICT: '严格' };
  const TIER_ORDER = ['TRUSTED', 'NORMAL', 'KEY', 'STRICT'];
  const ALERT = {
    FREQUENT_IN_DOMAIN: '同一领域多次失信',
    MULTI_DOMAIN: '跨领域失信',
    GRADE_DROP: '等级下降',
  };
  // The departments' labels, served from the gateway's registry (/desk/words.js).
  const DEPT = window.CG_DEPARTMENTS || {};
  const EVENT = {
    RECORD_ADDED: '新增失信记录',
    RECORD_REPAIRED: '信用修复',
    RECORD_REMOVED: '记录移出',
    LIST_ENTRY: '列入名单',
    LIST_REMOVAL: '移出名单',
    GRADE_CHANGED: '等级变化',
    ALERT_RAISED: '风险预警',
    OBJECTION_FILED: '提出异议',
    OBJECTION_RESOLVED: '异议办结',
    CONSENT_GRANTED: '授权',
    CONSENT_REVOKED: '撤销授权',
    OBJECTION_OVERDUE: '异议逾期未答复',
    COMMITMENT_OVERDUE: '承诺逾期未核查',
    INTERVIEW_OVERDUE: '约谈整改逾期',
  };
  const COLORS = ['#1b7f3b', '#2f6db5', '#c9822b', '#b3261e', '#6b5aa6', '#3b8ea5'];
  const esc = (s) =>
    String(s ?? '').replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
    );
  const beijing = (iso) =>
    new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  const headers = () => ({
    'content-type': 'application/json',
    accept: 'application/json',
    authorization: `Bearer ${token()}`,
    'x-purpose': 'SUPERVISION',
  });

  /** What each error means, in Chinese (the code stays beside it for quoting). */
  const ERRORS = {
    UNAUTHENTICATED: '登录已失效，请重新登录',
    FORBIDDEN: '当前账号无权进行此项操作（可能超出本账号的区域或部门）',
    PURPOSE_REQUIRED: '缺少查询目的',
    BAD_USER_INPUT: '输入有误',
    RATE_LIMITED: '操作过于频繁，请稍后再试',
    QUOTA_EXCEEDED: '今日额度已用完',
    LEDGER_UNAVAILABLE: '全市账本暂不可用，请稍后再试',
    POPULATION_INCOMPLETE: '账本尚未完整覆盖抽查范围',
    CALENDAR_NOT_COVERED: '工作日历未涵盖该年度，无法计算期限（请更新工作日历）',
    NOT_FOUND: '没有找到',
    INTERNAL_SERVER_ERROR: '服务内部错误，请稍后再试',
  };

  /** One GraphQL request: its HTTP status and its body. */
  async function post(query, variables) {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: await res.json().catch(() => ({})) };
  }

  /** An error in Chinese with its code (and the argument and bad lines it names, for forms). */
  function failure(status, e) {
    const code = (e.extensions && e.extensions.code) || String(status);
    const err = new Error(`${ERRORS[code] || '操作未完成'}（${code}）`);
    err.code = code;
    err.detail = e.message;
    err.argument = e.extensions && e.extensions.argument;
    err.lines = e.extensions && e.extensions.lines;
    return err;
  }

  /** One GraphQL operation; throws a Chinese message with the error's code. */
  async function gql(query, variables) {
    const { status, body } = await post(query, variables);
    if (body.errors && body.errors.length) throw failure(status, body.errors[0]);
    return body.data;
  }

  /** One operation whose fields may fail alone: its data and its errors (throws only without data). */
  async function gqlPartial(query, variables) {
    const { status, body } = await post(query, variables);
    if (!body.data) throw failure(status, (body.errors && body.errors[0]) || {});
    return { data: body.data, errors: body.errors || [] };
  }

  /** Enterprises' registered names, looked up once each (the public view: names are published). */
  const names = new Map();
  async function nameAll(codes) {
    const missing = [...new Set(codes)].filter((c) => !names.has(c));
    for (let i = 0; i < missing.length; i += 100) {
      const data = await gql('query($u: [USCC!]!) { enterprises(usccs: $u) { uscc name } }', {
        u: missing.slice(i, i + 100),
      }).catch(() => null);
      for (const e of data?.enterprises ?? []) if (e) names.set(e.uscc, e.name);
    }
    return (c) => names.get(c) || '—';
  }
  /** An enterprise named as people read it: name over code, with address and legal representative when known. */
  const who = (n) =>
    `<span class="name">${esc(n.name || '—')}</span><br><span class="muted">${esc(n.uscc)}${n.legalRepresentative ? ` · 法定代表人 ${esc(n.legalRepresentative)}` : ''}${n.address ? ` · ${esc(n.address)}` : ''}</span>`;

  function filter() {
    const f = {};
    const region = $('region').value.trim();
    const dept = $('department-filter').value;
    if (region) f.regionPrefix = region;
    if (dept) f.departments = [dept];
    return f;
  }

  let chart = null;
  async function loadDistribution() {
    const data = await gql(
      'query($f: RosterFilter!) { roster(filter: $f, first: 1) { totalCount snapshot gradeCounts { grade tier count } coverage { registry complete provisional missing overdue whole } } }',
      {
        f: filter(),
      },
    );
    const r = data.roster;
    $('snapshot').textContent =
      `共 ${r.totalCount} 户${r.snapshot ? `，数据截至 ${beijing(r.snapshot)}（北京时间）` : ''}。${coverageText(r.coverage)}`;
    $('snapshot').className = r.coverage.whole ? 'muted' : 'warning';
    const tiers = TIER_ORDER.filter((t) => r.gradeCounts.some((c) => c.tier === t)).concat(
      [...new Set(r.gradeCounts.map((c) => c.tier))].filter((t) => !TIER_ORDER.includes(t)),
    );
    const grades = [...new Set(r.gradeCounts.map((c) => c.grade))].sort();
    const count = (g, t) => (r.gradeCounts.find((c) => c.grade === g && c.tier === t) || { count: 0 }).count;
    // The table: the same numbers, each a button to the roster behind it (keyboard and screen readers).
    $('tier-table').querySelector('thead').innerHTML =
      `<tr><th>信用等级</th>${tiers.map((t) => `<th>${esc(TIER[t] || t)}</th>`).join('')}</tr>`;
    $('tier-table').querySelector('tbody').innerHTML = grades
      .map(
        (g) =>
          `<tr><th>${esc(g)}</th>${tiers
            .map((t) => {
              const n = count(g, t);
              return `<td class="num">${n ? `<button type="button" data-grade="${esc(g)}" data-tier="${esc(t)}">${n}</button>` : '0'}</td>`;
            })
            .join('')}</tr>`,
      )
      .join('');
    const datasets = grades.map((g, i) => ({
      label: `等级 ${g}`,
      data: tiers.map((t) => count(g, t)),
      backgroundColor: COLORS[i % COLORS.length],
    }));
    const labels = tiers.map((t) => TIER[t] || t);
    if (chart) chart.destroy();
    chart = new Chart($('tier-chart'), {
      type: 'bar',
      data: { labels, datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: true },
          y: { stacked: true, beginAtZero: true, title: { display: true, text: '企业数' } },
        },
        onClick: (_e, elements) => {
          const el = elements[0];
          if (el) void showRoster(grades[el.datasetIndex], tiers[el.index]);
        },
      },
    });
    $('tier-chart').dataset.bars = String(datasets.reduce((n, d) => n + d.data.filter(Boolean).length, 0));
  }

  let rosterCursor = null;
  let rosterFilter = null;
  async function showRoster(grade, tier, more) {
    if (!more) {
      rosterFilter = { ...filter(), grades: [grade], tiers: [tier] };
      rosterCursor = null;
      $('roster-list').querySelector('tbody').innerHTML = '';
      $('roster-caption').textContent = `等级 ${grade} · ${TIER[tier] || tier}监管`;
    }
    const data = await gql(
      'query($f: RosterFilter!, $a: String) { roster(filter: $f, first: 50, after: $a) { edges { node { uscc name address legalRepresentative registrationAuthority regionName grade tier regionCode alertKinds departments evaluatedAt } } pageInfo { hasNextPage endCursor } } }',
      { f: rosterFilter, a: rosterCursor },
    );
    const tbody = $('roster-list').querySelector('tbody');
    tbody.insertAdjacentHTML(
      'beforeend',
      data.roster.edges
        .map(
          ({ node: n }) =>
            `<tr><td>${who(n)}</td><td>${esc(n.grade)}</td><td>${esc(TIER[n.tier] || n.tier)}</td><td>${esc(n.regionName)}</td><td>${n.alertKinds.map((k) => esc(ALERT[k] || k)).join('、') || '—'}</td><td>${n.departments.map((d) => esc(DEPT[d] || d)).join('、') || '—'}</td><td>${esc(n.evaluatedAt)}</td></tr>`,
        )
        .join(''),
    );
    rosterCursor = data.roster.pageInfo.endCursor;
    $('roster-more').hidden = !data.roster.pageInfo.hasNextPage;
    $('roster').hidden = false;
    if (!more) $('roster-title').focus?.();
  }

  /** Alerts, fifty a page, more on request (every alert reachable, not the first hundred only). */
  let alertsCursor = null;
  let alertsShown = 0;
  async function loadAlerts(more) {
    if (!more) alertsCursor = null;
    const data = await gql(
      'query($f: RosterFilter!, $a: String) { roster(filter: $f, first: 50, after: $a) { totalCount edges { node { uscc name address legalRepresentative grade alertKinds departments evaluatedAt } } pageInfo { hasNextPage endCursor } } }',
      {
        f: { ...filter(), alertKinds: ['FREQUENT_IN_DOMAIN', 'MULTI_DOMAIN', 'GRADE_DROP'] },
        a: alertsCursor,
      },
    );
    $('alerts-title').textContent = `风险预警（${data.roster.totalCount} 户）`;
    const rows = data.roster.edges
      .map(
        ({ node: n }) =>
          `<tr><td>${who(n)}</td><td>${n.alertKinds.map((k) => esc(ALERT[k] || k)).join('、')}</td><td>${esc(n.grade)}</td><td>${n.departments.map((d) => esc(DEPT[d] || d)).join('、')}</td><td>${esc(n.evaluatedAt)}</td></tr>`,
      )
      .join('');
    const tbody = $('alerts-list').querySelector('tbody');
    if (more) tbody.insertAdjacentHTML('beforeend', rows);
    else tbody.innerHTML = rows || '<tr><td colspan="5">无</td></tr>';
    alertsCursor = data.roster.pageInfo.endCursor;
    $('alerts-more').hidden = !data.roster.pageInfo.hasNextPage;
    alertsShown = (more ? alertsShown : 0) + data.roster.edges.length;
    $('alerts-shown').textContent = `已显示 ${alertsShown} 户`;
  }

  /** When a draw's results must be public: warned five working days ahead, flagged once past. */
  function deadlineText(d, error) {
    if (error) return `<span class="warning">${esc(ERRORS[error.extensions?.code] || error.message)}</span>`;
    if (d.publishedAt) return '—（已公开，结果随录随公开）';
    if (!d.resultsPublicBy) return '—（尚无结果）';
    const left = d.resultsPublicDaysLeft;
    const text = `${esc(d.resultsPublicBy)} 前`;
    if (left < 0) return `<span class="warning">已超过公示期限 ${-left} 个工作日（${text}）</span>`;
    if (left <= 5) return `<span class="warning">${text}须公开（剩 ${left} 个工作日）</span>`;
    return `${text}（剩 ${left} 个工作日）`;
  }

  /** Past draws, newest first, with repeats, results still pending and their publication deadline shown. */
  async function loadDraws() {
    const { data, errors } = await gqlPartial(
      '{ inspectionDraws(first: 20) { id department drawnAt repeatOf repeatReason publishedAt resultsPending resultsOverdue resultsPublicBy resultsPublicDaysLeft item { name } enterprises { uscc } } }',
    );
    const errorAt = (i) => errors.find((e) => e.path && e.path[1] === i);
    $('draws-list').querySelector('tbody').innerHTML =
      data.inspectionDraws
        .map(
          (d, i) =>
            `<tr data-draw="${esc(d.id)}"${d.resultsOverdue || d.resultsPublicDaysLeft < 0 ? ' class="overdue"' : ''}><td>${esc(d.id)}</td><td>${esc(DEPT[d.department] || d.department)}${d.item ? ` · ${esc(d.item.name)}` : ''}</td><td>${esc(beijing(d.drawnAt))}</td><td class="num">${d.enterprises.length}</td><td>${d.repeatOf ? `重复抽取（替代第 ${esc(d.repeatOf)} 号）：${esc(d.repeatReason)}` : '—'}</td><td>${d.publishedAt ? `已公开 ${esc(beijing(d.publishedAt))}` : '未公开'}</td><td>${d.resultsPending ? `${d.resultsPending} 户待录入${d.resultsOverdue ? '（已逾期）' : ''}` : '已全部录入'} <button type="button" data-results="${esc(d.id)}">录入结果</button></td><td>${deadlineText(d, errorAt(i))}</td></tr>`,
        )
        .join('') || '<tr><td colspan="8">暂无抽查记录</td></tr>';
  }

  /** The department's inspection items, for the draw form (a department that keeps items draws for one). */
  async function loadItems() {
    const data = await gql('query($d: Department!) { inspectionItems(department: $d) { id code name } }', {
      d: $('draw-department').value,
    }).catch(() => ({ inspectionItems: [] }));
    $('draw-item').innerHTML =
      '<option value="">（本部门未设抽查事项）</option>' +
      data.inspectionItems
        .map((i) => `<option value="${esc(i.id)}">${esc(i.code)} ${esc(i.name)}</option>`)
        .join('');
    if (data.inspectionItems.length) $('draw-item').selectedIndex = 1;
  }

  let events = null;
  function watchEvents() {
    if (events) events.abort();
    events = new AbortController();
    const list = $('events-list');
    fetch('/graphql/stream', {
      method: 'POST',
      headers: { ...headers(), accept: 'text/event-stream' },
      body: JSON.stringify({
        query:
          'subscription { creditEvents { id uscc kind at grade { from to } alert record { department title } } }',
      }),
      signal: events.signal,
    })
      .then((res) => {
        if (!res.ok || !res.body) {
          $('events-status').textContent = `无法接收实时事件（HTTP ${res.status}）`;
          return;
        }
        $('events-status').textContent = '已连接：事件发生时即显示';
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        const pump = () =>
          reader.read().then((chunk) => {
            if (chunk.done) {
              $('events-status').textContent = '连接已结束';
              return;
            }
            buffer += decoder.decode(chunk.value, { stream: true });
            const parts = buffer.split('\n\n');
            buffer = parts.pop();
            for (const message of parts) {
              const event = /^event: (.*)$/m.exec(message);
              const data = /^data: (.*)$/m.exec(message);
              if (!event || event[1] !== 'next' || !data) continue;
              const e = JSON.parse(data[1]).data?.creditEvents;
              if (!e) continue;
              const what = e.record
                ? `${DEPT[e.record.department] || e.record.department}：${e.record.title}`
                : e.grade
                  ? `${e.grade.from ?? '—'} → ${e.grade.to ?? '—'}`
                  : e.alert
                    ? ALERT[e.alert] || e.alert
                    : '';
              list.insertAdjacentHTML(
                'afterbegin',
                `<li data-kind="${esc(e.kind)}" data-uscc="${esc(e.uscc)}"><strong>${esc(EVENT[e.kind] || e.kind)}</strong> · <span class="event-name">${esc(names.get(e.uscc) || '')}</span> ${esc(e.uscc)} · ${esc(what)} <span class="muted">${esc(beijing(e.at))}</span></li>`,
              );
              // The name, once looked up; the counts and chart follow what just changed.
              void nameAll([e.uscc]).then((name) => {
                for (const li of list.querySelectorAll(`li[data-uscc="${e.uscc}"] .event-name`))
                  li.textContent = name(e.uscc);
              });
              scheduleRefresh();
            }
            return pump();
          });
        return pump();
      })
      .catch((err) => {
        if (err.name !== 'AbortError') $('events-status').textContent = '实时事件连接中断，请刷新页面';
      });
  }

  /** Live events move the counts and the chart, at most once every two seconds. */
  let refreshTimer = null;
  function scheduleRefresh() {
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      void loadDistribution().catch(() => undefined);
    }, 2000);
  }

  let lastDraw = null;
  /** How much of the city the ledger holds (全市账本覆盖), in words. */
  function coverageText(c) {
    if (!c) return '';
    const registry = c.registry === null ? '登记总数未知' : `登记 ${c.registry} 户`;
    return c.whole
      ? `账本覆盖完整：${registry}，均有完整、未逾期的评价。`
      : `账本覆盖不完整：${registry}，完整评价 ${c.complete} 户，暂定 ${c.provisional} 户，未评价 ${c.missing === null ? '未知' : `${c.missing} 户`}，逾期未复评 ${c.overdue} 户。`;
  }

  function showDraw(d) {
    lastDraw = d;
    $('draw-coverage').textContent = d.coverage
      ? `${d.acceptedIncomplete ? '本次抽取在账本覆盖不完整时进行（经确认）。' : ''}抽取时${coverageText(d.coverage)}`
      : '';
    $('draw-id').textContent = d.id;
    $('draw-dept').textContent = DEPT[d.department] || d.department;
    $('draw-used-seed').textContent = d.seed;
    $('draw-seed-hash').textContent = d.seedHash
      ? `种子哈希（SHA-256）${d.seedHash}，于 ${beijing(d.seedCommittedAt)} 在读取抽查范围前记录`
      : '';
    $('draw-repeat').textContent = d.repeatOf
      ? `本次为第 ${d.repeatOf} 号抽查的重复抽取，理由：${d.repeatReason}`
      : '';
    $('draw-at').textContent = beijing(d.drawnAt);
    $('draw-tiers').querySelector('tbody').innerHTML = d.tiers
      .map(
        (t) =>
          `<tr><td>${esc(TIER[t.tier] || t.tier)}</td><td class="num">${t.population}</td><td class="num">${t.drawn}</td></tr>`,
      )
      .join('');
    const assigned = new Map((d.assignments || []).map((a) => [a.uscc, a.inspectors]));
    const fill = (name) =>
      ($('draw-enterprises').querySelector('tbody').innerHTML = d.enterprises
        .map(
          (e) =>
            `<tr><td>${esc(name(e.uscc))}<br><span class="muted">${esc(e.uscc)}</span></td><td>${esc(TIER[e.tier] || e.tier)}</td><td>${(assigned.get(e.uscc) || []).map((i) => esc(i.name)).join('、') || '—'}</td></tr>`,
        )
        .join(''));
    fill(() => '…');
    void nameAll(d.enterprises.map((e) => e.uscc)).then(fill);
    $('draw-short').textContent =
      d.inspectorsShort && d.inspectorsShort.length
        ? `检查人员不足：${d.inspectorsShort.length} 户企业可抽派的检查人员少于两名，请补充检查人员名录库。`
        : '';
    $('publish-status').textContent = d.publishedAt ? `已于 ${beijing(d.publishedAt)} 公开` : '未公开';
    $('draw-result').hidden = false;
  }

  async function draw(e) {
    e.preventDefault();
    $('draw-message').textContent = '';
    const population = {};
    const region = $('draw-region').value.trim();
    if (region) population.regionPrefix = region;
    try {
      const data = await gql(
        'mutation($d: Department!, $p: RosterFilter!, $r: String, $a: Boolean, $i: ID) { drawInspection(department: $d, population: $p, reason: $r, acceptIncomplete: $a, item: $i) { id department seed seedHash seedCommittedAt repeatOf repeatReason drawnAt publishedAt acceptedIncomplete inspectorsShort assignments { uscc inspectors { name } } coverage { registry complete provisional missing overdue whole } tiers { tier population drawn } enterprises { uscc tier } } }',
        {
          d: $('draw-department').value,
          p: population,
          r: $('draw-reason').value.trim() || null,
          a: $('draw-accept').checked,
          i: $('draw-item').value || null,
        },
      );
      showDraw(data.drawInspection);
      void loadDraws().catch(() => undefined);
      $('draw-id').focus?.();
    } catch (err) {
      $('draw-message').textContent =
        err.argument === 'reason'
          ? '今日已对同一部门、同一范围抽取过；如需重新抽取，请填写重复抽取理由（理由与每次抽取结果一并公开）。'
          : err.code === 'POPULATION_INCOMPLETE'
            ? '抽取未进行：账本尚未完整覆盖全市（有未评价、暂定或逾期的企业），抽查范围可能遗漏企业。请待补齐后再抽取，或勾选“账本覆盖不完整时仍抽取”。'
            : err.argument === 'item'
              ? '抽取未进行：本部门已设抽查事项，请选择本次抽查的事项。'
              : `抽取失败：${err.message}`;
    }
  }

  async function download(format) {
    if (!lastDraw) return;
    const res = await fetch(`/desk/draws/${encodeURIComponent(lastDraw.id)}.${format}`, {
      headers: headers(),
    });
    if (!res.ok) {
      $('draw-message').textContent = `导出失败（HTTP ${res.status}）`;
      return;
    }
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `draw-${lastDraw.id}.${format}`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  async function publish() {
    if (!lastDraw) return;
    try {
      const data = await gql('mutation($id: ID!) { publishDraw(id: $id) { id publishedAt } }', {
        id: lastDraw.id,
      });
      lastDraw.publishedAt = data.publishDraw.publishedAt;
      $('publish-status').textContent = `已于 ${beijing(lastDraw.publishedAt)} 公开：任何人可凭抽查编号查阅`;
    } catch (err) {
      $('publish-status').textContent = `公开失败：${err.message}`;
    }
  }

  function claimsOf(t) {
    try {
      return JSON.parse(atob(t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    } catch {
      return null;
    }
  }

  async function refresh() {
    try {
      await Promise.all([loadDistribution(), loadAlerts(), loadDraws(), loadItems()]);
    } catch (err) {
      $('snapshot').textContent = `无法读取名录：${err.message}`;
      $('snapshot').className = 'error';
    }
  }

  async function signIn() {
    const t = token();
    const on = (yes) => {
      $('token-entry').hidden = yes;
      $('signout-button').hidden = !yes;
      for (const id of ['distribution', 'events', 'alerts', 'draw', 'draws', 'lists', 'objections'])
        $(id).hidden = !yes;
      if (!yes) $('roster').hidden = true;
      if (!yes) $('results').hidden = true;
    };
    if (!t) {
      $('signin-status').textContent = '未登录：请粘贴监管人员令牌后点“登录”';
      return on(false);
    }
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ query: '{ myAccess { role organization } }' }),
    }).catch(() => null);
    const a = res && res.ok ? (await res.json()).data?.myAccess : null;
    if (!a || a.role !== 'regulator') {
      $('signin-status').textContent =
        res && res.status === 401
          ? '令牌无效或已过期，请重新登录（UNAUTHENTICATED）'
          : '此令牌不是监管人员令牌（FORBIDDEN）';
      sessionStorage.removeItem(KEY);
      return on(false);
    }
    const exp = claimsOf(t)?.exp;
    $('signin-status').textContent =
      `已登录：监管人员（${a.organization ?? ''}）${exp ? `，有效至 ${beijing(exp * 1000)}（北京时间）` : ''}`;
    on(true);
    await refresh();
    document.dispatchEvent(new Event('cg-desk-signed-in'));
    watchEvents();
  }

  $('signin-button').addEventListener('click', () => {
    sessionStorage.setItem(KEY, $('token').value.trim());
    $('token').value = '';
    void signIn();
  });
  $('signout-button').addEventListener('click', () => {
    sessionStorage.removeItem(KEY);
    if (events) events.abort();
    void signIn();
  });
  $('filters').addEventListener('submit', (e) => {
    e.preventDefault();
    void refresh();
  });
  $('tier-table').addEventListener('click', (e) => {
    const b = e.target.closest('button[data-grade]');
    if (b) void showRoster(b.dataset.grade, b.dataset.tier);
  });
  $('roster-more').addEventListener('click', () => void showRoster(null, null, true));
  $('alerts-more').addEventListener('click', () => void loadAlerts(true));
  $('draw-department').addEventListener('change', () => void loadItems());
  $('draw-form').addEventListener('submit', (e) => void draw(e));
  $('export-csv').addEventListener('click', () => void download('csv'));
  $('export-xlsx').addEventListener('click', () => void download('xlsx'));
  $('publish').addEventListener('click', () => void publish());
  // What the lists and results page (lists.js) shares with this one.
  window.cgDesk = { gql, esc, beijing, DEPT, nameAll, loadDraws, loadItems };
  void signIn();
})();
