/** The GraphiQL page at `/graphql` (for a browser), with example queries over interesting enterprises. */

/** An example tab. */
export interface PlaygroundExample {
  query: string;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
}

const esc = (s: string): string => s.replace(/</g, '\\u003c');

/** The HTML of the playground; every script is a file under /playground/ (no inline script, no CDN). */
export function playgroundHtml(examples: PlaygroundExample[], endpoint = '/graphql'): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>credit-gateway · GraphiQL</title>
<link rel="stylesheet" href="/playground/graphiql.min.css">
<link rel="stylesheet" href="/playground/page.css">
</head>
<body>
<header><h1 class="visually-hidden">GraphQL playground（接口调试台）</h1></header>
<div id="schema-notice" role="status" hidden></div>
<main id="graphiql">Loading the playground…</main>
<script type="application/json" id="playground-config">${esc(JSON.stringify({ endpoint, examples }))}</script>
<script src="/playground/react.production.min.js"></script>
<script src="/playground/react-dom.production.min.js"></script>
<script src="/playground/graphiql.min.js"></script>
<script src="/playground/playground.js"></script>
</body>
</html>`;
}

/** Development tokens by role, offered in the tabs' headers (sandbox only). */
export type PlaygroundTokens = Partial<
  Record<'enterprise' | 'clerk' | 'regulator' | 'bank' | 'developer', string>
>;

/** The example tabs: a profile, an approval check, a batch, a search, and each role's access. */
export function defaultExamples(
  codes: { clean?: string; dishonest?: string; badChecksum?: string; many?: string[] },
  tokens: PlaygroundTokens = {},
): PlaygroundExample[] {
  const c = codes.clean ?? '91440300MA5EXAMPLE';
  const as = (role: keyof PlaygroundTokens, purpose: string): Record<string, string> | undefined =>
    tokens[role] ? { Authorization: `Bearer ${tokens[role]}`, 'X-Purpose': purpose } : undefined;
  const roleTabs: PlaygroundExample[] = (Object.keys(tokens) as Array<keyof PlaygroundTokens>).map(
    (role) => ({
      query: `# What a ${role} may read (myAccess), with a development token in the headers.\nquery AccessAs${role[0]!.toUpperCase()}${role.slice(1)} {\n  myAccess { role organization uscc purpose matters fieldGroups { field condition } consents { id uscc scopes purpose expiresAt } }\n}`,
      headers: as(
        role,
        role === 'bank'
          ? 'PRE_CREDIT'
          : role === 'enterprise'
            ? 'SELF_QUERY'
            : role === 'clerk'
              ? 'LICENSING'
              : 'SUPERVISION',
      ),
    }),
  );
  return [
    {
      query: `# An enterprise's federated credit profile (企业信用档案).
query Profile {
  enterprise(uscc: "${codes.dishonest ?? c}") {
    uscc
    name
    code { regionCode organizationTypeName checksumValid }
    registration { status establishedOn registeredCapital { text amount } }
    tax { aLevelTaxpayer arrears }
    environment { latestCard }
    evaluation { grade label basis { rule } }
    supervision { tier inspectionRatio }
    judicial { dishonestDebtor { caseCode court onList } }
    records { id department kind severity status date title }
    sources { department status fetchedAt }
  }
}`,
      headers: as('regulator', 'SUPERVISION'),
    },
    {
      query: `# The approval check a service hall embeds (联合奖惩核查): one call, the verdict and why.
query Check {
  creditCheck(uscc: "${codes.dishonest ?? c}", matter: GOVERNMENT_PROCUREMENT) {
    name verdict reasons complete stale
    measures { code name kind legalBasis }
    basis { evaluation { grade label ruleSet version basis { rule } } records { id title severity } }
    sources { department status fetchedAt }
  }
}`,
      headers: as('clerk', 'PROCUREMENT'),
    },
    {
      query: `# A clean enterprise, and a code whose check character fails but which the registry knows.
query Codes {
  clean: enterprise(uscc: "${c}") { name records { id } }
  pilot: enterprise(uscc: "${codes.badChecksum ?? c}") { name code { checksumValid } }
}`,
    },
    {
      query: `# Up to 100 profiles in one call (批量查询): one tax call, one environment call, one call per court list.
query Batch {
  enterprises(usccs: ${JSON.stringify(codes.many ?? [c])}) { uscc name tax { aLevelTaxpayer } records { kind severity } }
}`,
      headers: as('regulator', 'SUPERVISION'),
    },
    {
      query: `# Search the registry by name (按名称检索).
query Search {
  searchEnterprises(keyword: "科技", first: 5) {
    totalCount
    edges { cursor node { uscc name } }
    pageInfo { hasNextPage endCursor }
  }
}`,
    },
    {
      query: `# Live credit events (信用事件推送): runs until stopped; served over Server-Sent Events at /graphql/stream.
# With the city ledger on; change something at the sandbox (a penalty, a repair) and watch it arrive.
subscription Live {
  creditEvents {
    id uscc kind at
    record { id department severity status title }
    grade { from to }
    alert
    listEntry { list domain }
  }
}`,
      headers: as('regulator', 'SUPERVISION'),
    },
    {
      query: `# Who read my data (数据访问记录): an enterprise's own tracker, newest first.
query MyDataAccess {
  myDataAccess(first: 20) {
    edges { node { at organization role purpose fieldGroups operationName } }
    pageInfo { hasNextPage endCursor }
  }
}`,
      headers: as('enterprise', 'SELF_QUERY'),
    },
    {
      query: `# The city's roster from the ledger (分级分类名录), with how much of the city it holds.
query Roster {
  roster(filter: { tiers: ["KEY", "STRICT"] }, first: 20) {
    totalCount
    counts { tier count }
    coverage { registry complete provisional missing overdue whole asOf }
    edges { node { uscc grade tier regionCode alertKinds } }
    pageInfo { hasNextPage endCursor }
  }
}`,
      headers: as('regulator', 'SUPERVISION'),
    },
    {
      query: `# A 双随机 draw (双随机抽查): the gateway draws the seed and records its hash first.
# Drawing the same department and population again the same day needs a reason.
mutation Draw {
  drawInspection(department: MARKET, population: { regionPrefix: "4415" }) {
    id seed seedHash seedCommittedAt drawnAt acceptedIncomplete
    tiers { tier population drawn }
    enterprises { uscc tier }
  }
}`,
      headers: as('regulator', 'SUPERVISION'),
    },
    {
      query: `# An enterprise lets a bank read part of its data, for a purpose, until a time (授权).
mutation Grant {
  grantConsent(input: { grantee: "bank-sw-001", scopes: [TAX_PAID, EVALUATION], purpose: PRE_CREDIT, expiresAt: "2027-12-31T00:00:00Z" }) {
    accepted refusal
    consent { id grantee scopes purpose expiresAt status }
  }
}`,
      headers: as('enterprise', 'SELF_QUERY'),
    },
    ...roleTabs,
  ];
}
