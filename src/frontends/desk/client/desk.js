// The regulators' desk: the city's grade × tier distribution (Chart.js, bundled), the
// roster behind each bar, alerts, live credit events (Server-Sent Events), and 双随机 draws with
// their exports and publication. Plain script; the token is kept in this tab only.
/* global sessionStorage, atob, Chart, Event */
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
          if (el) void window.cgDeskRoster.showRoster(grades[el.datasetIndex], tiers[el.index]);
        },
      },
    });
    $('tier-chart').dataset.bars = String(datasets.reduce((n, d) => n + d.data.filter(Boolean).length, 0));
  }

  /** How much of the city the ledger holds (全市账本覆盖), in words. */
  function coverageText(c) {
    if (!c) return '';
    const registry = c.registry === null ? '登记总数未知' : `登记 ${c.registry} 户`;
    return c.whole
      ? `账本覆盖完整：${registry}，均有完整、未逾期的评价。`
      : `账本覆盖不完整：${registry}，完整评价 ${c.complete} 户，暂定 ${c.provisional} 户，未评价 ${c.missing === null ? '未知' : `${c.missing} 户`}，逾期未复评 ${c.overdue} 户。`;
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
      const draws = window.cgDeskDraws;
      await Promise.all([
        loadDistribution(),
        window.cgDeskRoster.loadAlerts(),
        draws.loadDraws(),
        draws.loadItems(),
      ]);
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
    window.cgDeskEvents.watch();
  }

  $('signin-button').addEventListener('click', () => {
    sessionStorage.setItem(KEY, $('token').value.trim());
    $('token').value = '';
    void signIn();
  });
  $('signout-button').addEventListener('click', () => {
    sessionStorage.removeItem(KEY);
    window.cgDeskEvents.stop();
    void signIn();
  });
  $('filters').addEventListener('submit', (e) => {
    e.preventDefault();
    void refresh();
  });
  // What the draws (draws.js) and the lists and results page (lists.js) share with this one.
  window.cgDesk = {
    gql,
    gqlPartial,
    headers,
    esc,
    beijing,
    DEPT,
    TIER,
    ERRORS,
    nameAll,
    coverageText,
    names,
    ALERT,
    filter,
    who,
    loadDistribution,
    loadDraws: () => window.cgDeskDraws.loadDraws(),
    loadItems: () => window.cgDeskDraws.loadItems(),
  };
  void signIn();
})();
