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
