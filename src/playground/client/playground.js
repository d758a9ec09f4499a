// The playground's boot script (served as a file so the page's CSP can forbid inline script).
/* global React, ReactDOM, GraphiQL, AbortController, TextDecoder, atob, MutationObserver */
(function () {
  var cfg = JSON.parse(document.getElementById('playground-config').textContent);
  var httpFetcher = GraphiQL.createFetcher({ url: cfg.endpoint });

  // GraphiQL shows only the last value a subscription yields: the pane shows the stream's state and
  // every message so far instead (the latest last), up to HISTORY of them.
  var HISTORY = 100;
  function withHistory(sink) {
    var messages = [];
    var dropped = 0;
    var ended = false;
    function show(state) {
      var shown = { state: state, received: messages.length + dropped, messages: messages };
      if (dropped) shown.earlierDropped = dropped;
      sink.next({ subscription: shown });
    }
    return {
      listening: function () {
        show('listening（已连接，等待事件）');
      },
      next: function (message) {
        messages.push(message);
        if (messages.length > HISTORY) {
          messages.shift();
          dropped++;
        }
        show('listening（已连接，等待事件）');
      },
      complete: function () {
        if (ended) return;
        ended = true;
        show('ended（已结束）');
        if (sink.complete) sink.complete();
      },
      error: function (err) {
        if (sink.error) sink.error(err);
      },
    };
  }

  // Subscriptions go to the gateway's Server-Sent Events endpoint (graphql-sse, distinct
  // connections): an observable GraphiQL renders as each event arrives, ended by its stop button.
  function sseFetcher(params, opts) {
    return {
      subscribe: function (observer) {
        var sink = withHistory(typeof observer === 'function' ? { next: observer } : observer);
        var controller = new AbortController();
        var headers = Object.assign({}, (opts && opts.headers) || {}, {
          'content-type': 'application/json',
          accept: 'text/event-stream',
        });
        fetch(cfg.endpoint + '/stream', {
          method: 'POST',
          headers: headers,
          body: JSON.stringify(params),
          signal: controller.signal,
        })
          .then(function (res) {
            if (!res.ok || !res.body) {
              return res.text().then(function (t) {
                sink.next(t ? JSON.parse(t) : { errors: [{ message: 'HTTP ' + res.status }] });
                sink.complete();
              });
            }
            sink.listening();
            var reader = res.body.getReader();
            var decoder = new TextDecoder();
            var buffer = '';
            function pump() {
              return reader.read().then(function (chunk) {
                if (chunk.done) {
                  sink.complete();
                  return;
                }
                buffer += decoder.decode(chunk.value, { stream: true });
                var parts = buffer.split('\n\n');
                buffer = parts.pop();
                parts.forEach(function (message) {
                  var event = /^event: (.*)$/m.exec(message);
                  var data = /^data: (.*)$/m.exec(message);
                  if (event && event[1] === 'next' && data) sink.next(JSON.parse(data[1]));
                  if (event && event[1] === 'complete') sink.complete();
                });
                return pump();
              });
            }
            return pump();
          })
          .catch(function (err) {
            if (err.name !== 'AbortError') sink.error(err);
          });
        return {
          unsubscribe: function () {
            controller.abort();
          },
        };
      },
    };
  }

  // The operation a request runs: GraphiQL can send the previous tab's operation name after a tab
  // switch, so a name the document does not define is dropped (its only operation runs).
  // Schema refreshes (introspection) need a developer's or a regulator's token. One refused — from
  // a tab holding another role's token — keeps the last good schema, and the page says why.
  var lastSchema = null;
  var notice = document.getElementById('schema-notice');
  function say(text) {
    notice.textContent = text;
    notice.hidden = !text;
  }
  function introspect(params, opts) {
    return Promise.resolve(httpFetcher(params, opts)).then(function (result) {
      if (result && result.data && result.data.__schema) {
        lastSchema = result;
        say('');
        return result;
      }
      var code =
        result && result.errors && result.errors[0] && result.errors[0].extensions
          ? result.errors[0].extensions.code
          : 'ERROR';
      if (lastSchema) {
        say(
          'Schema not refreshed: this tab’s token may not introspect (' +
            code +
            '). ' +
            'Kept the last schema; put a developer token in Headers to refresh it. ' +
            '架构未刷新：此标签页的令牌无权获取架构，已保留上次的架构。',
        );
        return lastSchema;
      }
      say(
        'No schema yet: introspection needs a developer or regulator token in Headers (' +
          code +
          '). ' +
          '尚无架构：请在 Headers 中使用开发者令牌。',
      );
      return result;
    });
  }

  function fetcher(params, opts) {
    if (/\b__schema\b/.test(params.query || '')) return introspect(params, opts);
    var query = (params.query || '').replace(/#.*$/gm, '');
    var named =
      params.operationName &&
      new RegExp('\\b(query|mutation|subscription)\\s+' + params.operationName + '\\b').exec(query);
    if (params.operationName && !named) params = Object.assign({}, params, { operationName: undefined });
    var isSubscription = named ? named[1] === 'subscription' : /^\s*subscription\b/m.test(query);
    return isSubscription ? sseFetcher(params, opts) : httpFetcher(params, opts);
  }

  // GraphiQL keeps each tab's headers in localStorage, development tokens included: reloaded a day
  // later, every example tab would hold an expired token. A stored token of the development issuer
  // that has expired (or will within ten minutes) is replaced by this page's fresh one for the same
  // role and organization; anything else a person typed is left as it is.
  function claimsOf(authorization) {
    var m = /^Bearer\s+[^.]+\.([^.]+)\./.exec(authorization || '');
    if (!m) return null;
    try {
      return JSON.parse(atob(m[1].replace(/-/g, '+').replace(/_/g, '/')));
    } catch {
      return null;
    }
  }
  // Header names are case-insensitive: the key that holds the authorization, whatever its case.
  function authKey(headers) {
    return Object.keys(headers || {}).find(function (k) {
      return k.toLowerCase() === 'authorization';
    });
  }
  function refreshStoredTokens() {
    var fresh = {};
    cfg.examples.forEach(function (e) {
      var key = authKey(e.headers);
      var c = key && claimsOf(e.headers[key]);
      if (c) fresh[c.iss + '|' + c.role + '|' + (c.org || '') + '|' + (c.uscc || '')] = e.headers[key];
    });
    var soon = Date.now() / 1000 + 600;
    function swap(text) {
      try {
        var h = JSON.parse(text);
        var name = authKey(h);
        var c = name && claimsOf(h[name]);
        var key = c && c.iss + '|' + c.role + '|' + (c.org || '') + '|' + (c.uscc || '');
        if (!c || !fresh[key] || (c.exp && c.exp > soon)) return text;
        h[name] = fresh[key];
        return JSON.stringify(h, null, 2);
      } catch {
        return text;
      }
    }
    try {
      var state = JSON.parse(localStorage.getItem('graphiql:tabState') || 'null');
      if (state && Array.isArray(state.tabs)) {
        state.tabs.forEach(function (t) {
          if (typeof t.headers === 'string') t.headers = swap(t.headers);
        });
        localStorage.setItem('graphiql:tabState', JSON.stringify(state));
      }
      var headers = localStorage.getItem('graphiql:headers');
      if (headers) localStorage.setItem('graphiql:headers', swap(headers));
    } catch {
      // storage unavailable (a private window): nothing was kept, nothing to refresh
    }
  }
  refreshStoredTokens();

  // GraphiQL's code editors are textareas without names (axe: label): each is named by where it is,
  // as GraphiQL re-renders them (a tab switch, the variables/headers toggle).
  function editorName(textarea) {
    if (textarea.closest('.graphiql-query-editor')) return 'Operation editor（查询编辑器）';
    if (textarea.closest('.graphiql-response, .result-window')) return 'Result, read only（执行结果）';
    var tool = textarea.closest('.graphiql-editor-tool');
    if (tool) {
      var editors = Array.prototype.slice.call(tool.querySelectorAll(':scope > .graphiql-editor'));
      var index = editors.indexOf(textarea.closest('.graphiql-editor'));
      return index === 1 ? 'Headers editor（请求头）' : 'Variables editor（变量）';
    }
    return 'Editor（编辑器）';
  }
  function labelEditors() {
    document.querySelectorAll('#graphiql textarea').forEach(function (t) {
      var name = editorName(t);
      if (t.getAttribute('aria-label') !== name) t.setAttribute('aria-label', name);
    });
  }
  new MutationObserver(labelEditors).observe(document.getElementById('graphiql'), {
    childList: true,
    subtree: true,
  });

  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultEditorToolsVisibility: true,
      // Tabs keep their headers (the development tokens) in the editor.
      shouldPersistHeaders: true,
      // GraphiQL 3 fills the header editor of the first tab only from this prop.
      headers:
        cfg.examples[0] && cfg.examples[0].headers
          ? JSON.stringify(cfg.examples[0].headers, null, 2)
          : undefined,
      defaultTabs: cfg.examples.map(function (e) {
        return {
          query: e.query,
          variables: e.variables ? JSON.stringify(e.variables, null, 2) : undefined,
          headers: e.headers ? JSON.stringify(e.headers, null, 2) : undefined,
        };
      }),
    }),
  );
})();
