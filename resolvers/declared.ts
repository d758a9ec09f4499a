/**
 * The declared departments' fields on Enterprise (src/departments/declared/): one resolver per
 * declaration, made from it — the department's answer for the enterprise through the request's
 * loads (one batch per department), mapped by the declaration into its profile, personal data
 * masked but for the enterprise itself and regulators. A department that cannot answer is that
 * field's SOURCE_UNAVAILABLE, never an empty profile.
 */
import type { IResolvers } from '@graphql-tools/utils';
import type { GatewayContext } from '../src/context.ts';
import { seesPersonalData } from '../src/auth/audience.ts';
import type { DeclaredDepartment } from '../src/departments/declared/declarations.ts';
import { profileOf } from '../src/departments/declared/profile.ts';
import { sourceUnavailable } from '../src/errors.ts';
import type { EnterpriseParent } from './shared/parents.ts';

/** The resolvers of these declared departments. */
export function declaredResolvers(
  departments: readonly DeclaredDepartment[],
): IResolvers<unknown, GatewayContext> {
  return {
    Enterprise: Object.fromEntries(
      departments.map((d) => [
        d.key,
        async (e: EnterpriseParent, _args: unknown, ctx: GatewayContext) => {
          if (!ctx.declared) throw sourceUnavailable(d.name);
          let answer: unknown;
          try {
            answer = (await ctx.declared(d.name, e.uscc)).value;
          } catch {
            throw sourceUnavailable(d.name);
          }
          const profile = await profileOf(d, answer, { unmasked: seesPersonalData(ctx.principal, e.uscc) });
          return profile && { ...profile, owner: e.uscc };
        },
      ]),
    ),
  };
}
