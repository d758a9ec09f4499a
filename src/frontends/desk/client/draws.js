// The desk's 双随机 draws: past draws with their results' publication deadline, the draw form
// (a department's item, a region, a repeat's reason, an incomplete ledger accepted), the draw
// shown with its tiers, enterprises and inspectors, its exports and its publication (一公开).
// Plain script over the desk's own helpers (window.cgDesk); loaded after it.
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const { gql, gqlPartial, headers, esc, beijing, DEPT, TIER, ERRORS, nameAll, coverageText } = window.cgDesk;
  let lastDraw = null;

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

  $('draw-department').addEventListener('change', () => void loadItems());
  $('draw-form').addEventListener('submit', (e) => void draw(e));
  $('export-csv').addEventListener('click', () => void download('csv'));
  $('export-xlsx').addEventListener('click', () => void download('xlsx'));
  $('publish').addEventListener('click', () => void publish());
  window.cgDeskDraws = { loadDraws, loadItems };
})();
