// The desk's 一单两库 and results: a department's inspection items and inspectors kept
// through forms and a CSV import, conflicts (回避) declared, and a draw's results entered from the
// fixed list with date and note. Plain script over the desk's own helpers (window.cgDesk).
/* global FileReader */
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const desk = () => window.cgDesk;
  // The fixed list of results, served from the gateway's one copy (/desk/words.js).
  const RESULTS = window.CG_RESULTS || {};
  const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const say = (id, text, bad) => {
    $(id).textContent = text;
    $(id).className = bad ? 'error' : '';
  };
  const failed = (err) =>
    err.detail && err.code === 'BAD_USER_INPUT' ? `${err.message}：${err.detail}` : err.message;
  const department = () => $('lists-department').value;

  /** The department's items and inspectors, all of them (inactive ones marked). */
  async function loadLists() {
    const { gql, esc } = desk();
    const data = await gql(
      'query($d: Department!) { inspectionItems(department: $d, includeInactive: true) { id code name legalBasis active } inspectors(department: $d, includeInactive: true) { id name unit region active conflicts { uscc reason } } }',
      { d: department() },
    );
    $('items-list').querySelector('tbody').innerHTML =
      data.inspectionItems
        .map(
          (i) =>
            `<tr><td>${esc(i.code)}</td><td>${esc(i.name)}</td><td>${esc(i.legalBasis)}</td><td>${i.active ? '启用' : '停用'}</td></tr>`,
        )
        .join('') || '<tr><td colspan="4">本部门尚未设抽查事项</td></tr>';
    $('inspectors-list').querySelector('tbody').innerHTML =
      data.inspectors
        .map(
          (i) =>
            `<tr><td>${esc(i.id)}</td><td>${esc(i.name)}</td><td>${esc(i.unit)}</td><td>${esc(i.region)}</td><td>${i.active ? '在库' : '停用'}</td><td>${i.conflicts.map((c) => `${esc(c.uscc)}（${esc(c.reason)}）`).join('<br>') || '—'}</td><td><button type="button" data-edit="${esc(JSON.stringify(i))}">修改</button></td></tr>`,
        )
        .join('') || '<tr><td colspan="7">本部门尚无检查人员</td></tr>';
  }

  async function saveItem(e) {
    e.preventDefault();
    try {
      await desk().gql('mutation($i: InspectionItemInput!) { saveInspectionItem(input: $i) { id } }', {
        i: {
          department: department(),
          code: $('item-code').value.trim(),
          name: $('item-name').value.trim(),
          legalBasis: $('item-basis').value.trim(),
          active: $('item-active').checked,
        },
      });
      const code = $('item-code').value.trim();
      $('item-form').reset();
      await Promise.all([loadLists(), desk().loadItems()]);
      say('item-message', `已保存事项 ${code}`);
    } catch (err) {
      say('item-message', `保存失败：${failed(err)}`, true);
    }
  }

  async function saveInspector(e) {
    e.preventDefault();
    const id = $('inspector-id').value;
    try {
      const data = await desk().gql(
        'mutation($i: InspectorInput!) { saveInspector(input: $i) { id name } }',
        {
          i: {
            ...(id ? { id } : {}),
            department: department(),
            name: $('inspector-name').value.trim(),
            unit: $('inspector-unit').value.trim(),
            region: $('inspector-region').value.trim(),
            active: $('inspector-active').checked,
          },
        },
      );
      $('inspector-form').reset();
      $('inspector-id').value = '';
      await loadLists();
      say(
        'inspector-message',
        `已${id ? '修改' : '新增'}检查人员 ${data.saveInspector.name}（编号 ${data.saveInspector.id}）`,
      );
    } catch (err) {
      say('inspector-message', `保存失败：${failed(err)}`, true);
    }
  }

  function editInspector(e) {
    const b = e.target.closest('button[data-edit]');
    if (!b) return;
    const i = JSON.parse(b.dataset.edit);
    $('inspector-id').value = i.id;
    $('inspector-name').value = i.name;
    $('inspector-unit').value = i.unit;
    $('inspector-region').value = i.region;
    $('inspector-active').checked = i.active;
    say('inspector-message', `正在修改检查人员 ${i.name}（编号 ${i.id}）`);
    $('inspector-name').focus();
  }

  async function declareConflict(e) {
    e.preventDefault();
    try {
      await desk().gql(
        'mutation($id: ID!, $u: USCC!, $r: String!) { declareInspectorConflict(inspectorId: $id, uscc: $u, reason: $r) { id } }',
        {
          id: $('conflict-inspector').value.trim(),
          u: $('conflict-uscc').value.trim(),
          r: $('conflict-reason').value.trim(),
        },
      );
      $('conflict-form').reset();
      await loadLists();
      say('inspector-message', '已登记回避');
    } catch (err) {
      say('inspector-message', `登记回避失败：${failed(err)}`, true);
    }
  }

  const readFile = (file) =>
    new Promise((resolve, reject) => {
      const r = new FileReader();
      r.onload = () => resolve(String(r.result));
      r.onerror = () => reject(r.error);
      r.readAsText(file, 'utf-8');
    });

  /** A CSV of inspectors: all imported or none, every bad line listed. */
  async function importCsv(e) {
    e.preventDefault();
    const file = $('inspector-file').files[0];
    if (!file) return;
    try {
      const data = await desk().gql(
        'mutation($d: Department!, $csv: String!) { importInspectors(department: $d, csv: $csv) { added updated } }',
        { d: department(), csv: await readFile(file) },
      );
      $('import-form').reset();
      await loadLists();
      say(
        'inspector-message',
        `导入完成：新增 ${data.importInspectors.added} 人，更新 ${data.importInspectors.updated} 人`,
      );
    } catch (err) {
      const lines = (err.lines || []).map((l) => `第 ${l.line} 行：${l.message}`).join('；');
      say('inspector-message', `导入未进行（未写入任何人员）：${lines || failed(err)}`, true);
    }
  }

  let shownDraw = null;
  /** A draw's enterprises with their inspectors and results, each row a form for its result. */
  async function showResults(id) {
    const { gql, esc, nameAll } = desk();
    const data = await gql(
      'query($id: ID!) { inspectionDraw(id: $id) { id drawnAt publishedAt enterprises { uscc } assignments { uscc inspectors { name } } results { uscc result inspectedOn note } } }',
      { id },
    );
    const d = data.inspectionDraw;
    shownDraw = d;
    const name = await nameAll(d.enterprises.map((e) => e.uscc));
    const assigned = new Map(
      (d.assignments || []).map((a) => [a.uscc, a.inspectors.map((i) => i.name).join('、')]),
    );
    const results = new Map(d.results.map((r) => [r.uscc, r]));
    const options = (chosen) =>
      Object.entries(RESULTS)
        .map(([k, v]) => `<option value="${k}"${k === chosen ? ' selected' : ''}>${esc(v)}</option>`)
        .join('');
    $('results-draw').textContent = d.id;
    $('results-list').querySelector('tbody').innerHTML = d.enterprises
      .map((e, k) => {
        const r = results.get(e.uscc);
        return `<tr data-uscc="${esc(e.uscc)}"><td>${esc(name(e.uscc))}<br><span class="muted">${esc(e.uscc)}</span></td><td>${esc(assigned.get(e.uscc) || '—')}</td><td><label class="muted" for="result-${k}">结果</label><select id="result-${k}">${options(r && r.result)}</select></td><td><input type="date" aria-label="检查日期" value="${esc(r ? r.inspectedOn : today())}"></td><td><input aria-label="备注" maxlength="500" value="${esc(r ? r.note : '')}"></td><td><button type="button" data-record="${esc(e.uscc)}">${r ? '更正' : '保存'}</button></td></tr>`;
      })
      .join('');
    $('results-deadline').textContent = d.publishedAt
      ? '本次抽查已公开：录入的结果即时公开。'
      : '本次抽查尚未公开：结果须于首次录入后 20 个工作日内公开（见“抽查记录”的结果公示期限）。';
    $('results').hidden = false;
    $('results-title').focus();
  }

  async function recordResult(e) {
    const b = e.target.closest('button[data-record]');
    if (!b || !shownDraw) return;
    const row = b.closest('tr');
    const [date, note] = row.querySelectorAll('input');
    try {
      await desk().gql(
        'mutation($d: ID!, $u: USCC!, $r: InspectionResultKind!, $on: Date!, $n: String) { recordInspectionResult(drawId: $d, uscc: $u, result: $r, inspectedOn: $on, note: $n) { uscc } }',
        {
          d: shownDraw.id,
          u: b.dataset.record,
          r: row.querySelector('select').value,
          on: date.value,
          n: note.value.trim(),
        },
      );
      b.textContent = '更正';
      await desk().loadDraws();
      say('results-message', `已录入 ${b.dataset.record} 的检查结果`);
    } catch (err) {
      say('results-message', `录入失败：${failed(err)}`, true);
    }
  }

  const DECISION = { ACCEPTED: '异议成立（更正或删除）', REJECTED: '异议不成立' };
  /** The department's objections with their deadlines; overdue ones flagged. */
  async function loadObjections() {
    const { gql, esc, nameAll } = desk();
    const data = await gql(
      'query($d: Department!, $all: Boolean) { objectionQueue(department: $d, includeAnswered: $all) { id uscc recordRef filedOn answerDueOn compareDueOn deadlinesKnown decision answeredOn overdue } }',
      { d: $('objections-department').value, all: $('objections-answered').checked },
    );
    const name = await nameAll(data.objectionQueue.map((o) => o.uscc));
    const state = (o) =>
      o.decision
        ? `${esc(DECISION[o.decision])}（${esc(o.answeredOn)} 答复）`
        : o.overdue
          ? '<span class="warning">逾期未答复</span>'
          : o.deadlinesKnown
            ? '待答复'
            : '<span class="warning">待答复（工作日历未涵盖该年度，期限须人工确定）</span>';
    $('objections-list').querySelector('tbody').innerHTML =
      data.objectionQueue
        .map(
          (o) =>
            `<tr${o.overdue ? ' class="overdue"' : ''}><td>${esc(name(o.uscc))}<br><span class="muted">${esc(o.uscc)}</span></td><td>${esc(o.recordRef)}</td><td>${esc(o.filedOn)}</td><td>${esc(o.answerDueOn || '—')}</td><td>${esc(o.compareDueOn || '—')}</td><td>${state(o)}</td></tr>`,
        )
        .join('') || '<tr><td colspan="6">暂无待处理异议</td></tr>';
  }

  document.addEventListener(
    'cg-desk-signed-in',
    () => void loadLists().catch((err) => say('item-message', err.message, true)),
  );
  document.addEventListener('cg-desk-signed-in', () => void loadObjections().catch(() => undefined));
  $('objections-department').addEventListener('change', () => void loadObjections());
  $('objections-answered').addEventListener('change', () => void loadObjections());
  $('lists-department').addEventListener('change', () => void loadLists());
  $('item-form').addEventListener('submit', (e) => void saveItem(e));
  $('inspector-form').addEventListener('submit', (e) => void saveInspector(e));
  $('inspector-new').addEventListener('click', () => {
    $('inspector-form').reset();
    $('inspector-id').value = '';
    say('inspector-message', '');
  });
  $('inspectors-list').addEventListener('click', editInspector);
  $('conflict-form').addEventListener('submit', (e) => void declareConflict(e));
  $('import-form').addEventListener('submit', (e) => void importCsv(e));
  $('draws-list').addEventListener('click', (e) => {
    const b = e.target.closest('button[data-results]');
    if (b) void showResults(b.dataset.results).catch((err) => say('results-message', err.message, true));
  });
  $('results-list').addEventListener('click', (e) => void recordResult(e));
})();
