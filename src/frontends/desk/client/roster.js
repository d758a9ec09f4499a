// The desk's rosters: the enterprises behind a bar of the grade × tier chart, and the alerts list,
// fifty a page with more on request. Plain script over the desk's own helpers (window.cgDesk).
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  // Loaded after the desk's own script (app.js), which has set its helpers by then.
  const { gql, esc, filter, who, TIER, ALERT, DEPT } = window.cgDesk;

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

  $('tier-table').addEventListener('click', (e) => {
    const b = e.target.closest('button[data-grade]');
    if (b) void showRoster(b.dataset.grade, b.dataset.tier);
  });
  $('roster-more').addEventListener('click', () => void showRoster(null, null, true));
  $('alerts-more').addEventListener('click', () => void loadAlerts(true));
  window.cgDeskRoster = { showRoster, loadAlerts };
})();
