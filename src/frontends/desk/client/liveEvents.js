// The desk's live credit events (Server-Sent Events over /graphql/stream): each shown as it comes,
// named once looked up, and the counts and chart refreshed at most every two seconds.
// Plain script over the desk's own helpers (window.cgDesk); loaded after it.
/* global TextDecoder, AbortController */
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const { headers, esc, beijing, DEPT, ALERT, names, nameAll, loadDistribution } = window.cgDesk;
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

  let events = null;
  function watch() {
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

  /** Stops receiving (signed out). */
  function stop() {
    if (events) events.abort();
  }

  window.cgDeskEvents = { watch, stop };
})();
