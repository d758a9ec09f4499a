// The playground's boot script (served as a file so the page's CSP can forbid inline script).
/* global React, ReactDOM, GraphiQL */
(function () {
  var cfg = JSON.parse(document.getElementById('playground-config').textContent);
  var fetcher = GraphiQL.createFetcher({ url: cfg.endpoint });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultEditorToolsVisibility: true,
      defaultTabs: cfg.examples.map(function (e) {
        return { query: e.query, variables: e.variables ? JSON.stringify(e.variables, null, 2) : undefined, headers: e.headers ? JSON.stringify(e.headers, null, 2) : undefined };
      }),
    }),
  );
})();
