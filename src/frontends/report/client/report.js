/* global sessionStorage, atob */
// The enterprise's report page: sign in with a token kept in this tab only (never in a
// URL), open the report, download its PDF. Plain script: no build step, nothing from a CDN.
'use strict';
(() => {
  const KEY = 'cg.report.token';
  const $ = (id) => document.getElementById(id);
  const token = () => sessionStorage.getItem(KEY);
  let access = null;
  /** The number of the report on screen: its PDF is that report, not a new one. */
  let shownNo = null;

  const ERRORS = {
    UNAUTHENTICATED: '令牌无效或已过期，请重新登录',
    FORBIDDEN: '此令牌不能查询这份报告（仅限企业本身）',
    PURPOSE_REQUIRED: '缺少查询目的',
    REPORT_INCOMPLETE: '部分部门暂不可用，报告暂不能出具，请稍后再试',
    REPORT_BUSY: '报告生成繁忙，请稍后再试',
    REPORT_PDF_UNAVAILABLE: '本服务器暂不能生成 PDF，可先查看报告',
    REPORT_EXPIRED: '屏幕上的报告已超过保留时间，请重新点“查看报告”后再下载',
    QUOTA_EXCEEDED: '今日查询次数已用完，请明日再试',
    RATE_LIMITED: '请求过于频繁，请稍后再试',
  };

  const beijing = (ms) => new Date(ms).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

  function claimsOf(t) {
    try {
      const part = t.split('.')[1];
      return JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/')));
    } catch {
      return null;
    }
  }

  function show(text, isError) {
    $('message').textContent = text;
    $('message').className = isError ? 'error' : '';
  }

  async function explain(res) {
    const body = await res.json().catch(() => ({}));
    const e = body.errors && body.errors[0];
    const code = e && e.extensions && e.extensions.code;
    return `${(code && ERRORS[code]) || (e && e.message) || `出错了（HTTP ${res.status}）`}${code ? `（${code}）` : ''}`;
  }

  function headers() {
    return { authorization: `Bearer ${token()}`, 'x-purpose': 'SELF_QUERY' };
  }

  async function signIn() {
    const t = token();
    const status = $('signin-status');
    const signedIn = (on) => {
      $('token-entry').hidden = on;
      $('signout-button').hidden = !on;
      $('actions').hidden = !on;
      $('tracker').hidden = !on;
    };
    access = null;
    if (!t) {
      status.textContent = '未登录：请粘贴企业令牌后点“登录”';
      return signedIn(false);
    }
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: `Bearer ${t}`,
      },
      body: JSON.stringify({ query: '{ myAccess { role uscc } }' }),
    }).catch(() => null);
    if (!res) {
      status.textContent = '无法连接服务，请检查网络后重试';
      return signedIn(false);
    }
    if (res.status === 401) {
      const message = (await res.json().catch(() => ({}))).errors?.[0]?.message ?? '';
      const exp = claimsOf(t)?.exp;
      status.textContent = /expired/.test(message)
        ? `令牌已过期${exp ? `（${beijing(exp * 1000)}，北京时间）` : ''}，请重新登录（UNAUTHENTICATED）`
        : '令牌无效，请重新登录（UNAUTHENTICATED）';
      sessionStorage.removeItem(KEY);
      return signedIn(false);
    }
    const a = (await res.json()).data?.myAccess;
    if (!a || a.role !== 'enterprise' || !a.uscc) {
      status.textContent = '此令牌不是企业令牌：信用报告由企业本身查询（FORBIDDEN）';
      sessionStorage.removeItem(KEY);
      return signedIn(false);
    }
    access = a;
    const exp = claimsOf(t)?.exp;
    status.textContent = `已登录：统一社会信用代码 ${a.uscc}${exp ? `，有效至 ${beijing(exp * 1000)}（北京时间）` : ''}`;
    signedIn(true);
    void loadTracker(false);
  }

  /** Who read this enterprise's data (myDataAccess), newest first, a page at a time, in Chinese. */
  const WORDS = window.CG_WORDS || { roles: {}, purposes: {}, fieldGroups: {} };
  let trackerAfter = null;
  const escape = (s) =>
    String(s ?? '').replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
    );
  async function loadTracker(more) {
    if (!access) return;
    if (!more) trackerAfter = null;
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { ...headers(), 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        query:
          'query($after: String) { myDataAccess(first: 20, after: $after) { edges { node { at organization role purpose fieldGroups } } pageInfo { hasNextPage endCursor } } }',
        variables: { after: trackerAfter },
      }),
    }).catch(() => null);
    const body = res ? await res.json().catch(() => ({})) : {};
    const page = body.data && body.data.myDataAccess;
    if (!page) {
      const code =
        body.errors && body.errors[0] && body.errors[0].extensions && body.errors[0].extensions.code;
      $('tracker-message').textContent = `暂时无法读取查看记录${code ? `（${ERRORS[code] || code}）` : ''}`;
      return;
    }
    const rows = page.edges
      .map(({ node: n }) => {
        const groups = n.fieldGroups.map((g) => WORDS.fieldGroups[g] || g).join('、');
        return `<tr><td>${escape(beijing(n.at))}</td><td>${escape(n.organization || '—')}</td><td>${escape(WORDS.roles[n.role] || n.role)}</td><td>${escape(WORDS.purposes[n.purpose] || n.purpose || '—')}</td><td>${escape(groups)}</td></tr>`;
      })
      .join('');
    const list = $('tracker-list').querySelector('tbody');
    list.innerHTML = (more ? list.innerHTML : '') + rows;
    if (!list.innerHTML) list.innerHTML = '<tr><td colspan="5">暂无他人查看本企业信息的记录</td></tr>';
    trackerAfter = page.pageInfo.endCursor;
    $('tracker-more').hidden = !page.pageInfo.hasNextPage;
    $('tracker-message').textContent = '';
  }

  async function openReport() {
    if (!access) return;
    show('正在生成报告……', false);
    const res = await fetch(`/reports/${access.uscc}`, {
      headers: { ...headers(), accept: 'text/html' },
    }).catch(() => null);
    if (!res) return show('无法连接服务，请重试', true);
    if (!res.ok) return show(await explain(res), true);
    const frame = $('report-frame');
    frame.srcdoc = await res.text();
    frame.hidden = false;
    shownNo = res.headers.get('x-report-no');
    $('download-pdf').textContent = shownNo ? `下载本报告 PDF（${shownNo}）` : '下载 PDF';
    show(`报告已生成${shownNo ? `，报告编号 ${shownNo}` : ''}。`, false);
  }

  async function downloadPdf() {
    if (!access) return;
    show('正在生成 PDF……', false);
    // The report on screen, by its number; with none on screen, a new report as a PDF.
    const path = `/reports/${access.uscc}.pdf${shownNo ? `?no=${encodeURIComponent(shownNo)}` : ''}`;
    const res = await fetch(path, { headers: headers() }).catch(() => null);
    if (!res) return show('无法连接服务，请重试', true);
    if (!res.ok) return show(await explain(res), true);
    const name =
      /filename="([^"]+)"/.exec(res.headers.get('content-disposition') || '')?.[1] || '信用报告.pdf';
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.id = 'pdf-link';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    show(`已下载 ${name}`, false);
  }

  $('signin-button').addEventListener('click', () => {
    const entered = $('token');
    sessionStorage.setItem(KEY, entered.value.trim());
    entered.value = '';
    void signIn();
  });
  $('signout-button').addEventListener('click', () => {
    sessionStorage.removeItem(KEY);
    $('report-frame').hidden = true;
    $('report-frame').srcdoc = '';
    shownNo = null;
    $('download-pdf').textContent = '下载 PDF';
    show('', false);
    void signIn();
  });
  $('open-report').addEventListener('click', () => void openReport());
  $('tracker-more').addEventListener('click', () => void loadTracker(true));
  $('download-pdf').addEventListener('click', () => void downloadPdf());
  void signIn();
})();
