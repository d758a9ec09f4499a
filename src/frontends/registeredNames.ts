/** Enterprises' registered names, as the pages print them: through GraphQL, a hundred per operation (the batch limit). */
import type { ApolloServer } from '@apollo/server';
import type { GatewayContext } from '../context.ts';
import { runOperation } from '../server/runOperation.ts';

/** The registered names of a page's enterprises. */
export const NAMES = 'query RegisteredNames($u: [USCC!]!) { enterprises(usccs: $u) { uscc name } }';

/** The names the registry answered, by code (a code it did not answer is absent). */
export async function registeredNames(
  apollo: ApolloServer<GatewayContext>,
  context: () => GatewayContext,
  codes: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (let i = 0; i < codes.length; i += 100) {
    const r = await runOperation<{ enterprises: Array<{ uscc: string; name: string | null } | null> }>(
      apollo,
      context(),
      NAMES,
      { u: codes.slice(i, i + 100) },
    );
    for (const e of r.data?.enterprises ?? []) if (e?.name) names.set(e.uscc, e.name);
  }
  return names;
}
