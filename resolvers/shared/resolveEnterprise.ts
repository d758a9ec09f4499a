/** Whether an enterprise exists, decided by the registry (docs/rules.md "Unified Social Credit Code"), for every root field that returns one. */
import { DepartmentError } from '../../connectors/shared/DepartmentError.ts';
import type { GatewayContext } from '../../src/context.ts';
import { decodeUscc } from '../../src/credit/uscc.ts';
import { GatewayError, GatewayErrorCode, sourceUnavailable } from '../../src/errors.ts';
import type { EnterpriseParent } from './parents.ts';

/**
 * docs/rules.md "Unified Social Credit Code": a code whose check character fails is served when the registry knows it
 * (`checksumValid: false`), and refused as `USCC_CHECKSUM` when it does not (a typo).
 * A code no registry knows is null.
 */
export async function resolveEnterprise(ctx: GatewayContext, uscc: string): Promise<EnterpriseParent | null> {
  const decoded = decodeUscc(uscc);
  const reg = await ctx.data.settled('registration', uscc);
  if (reg instanceof DepartmentError) {
    // Without the registry a typo cannot be told from a pilot-region code: say which department is missing.
    if (!decoded.checksumValid) throw sourceUnavailable('MARKET');
    return { uscc, decoded };
  }
  if (reg.value === null) {
    if (!decoded.checksumValid) {
      throw new GatewayError(
        'the check character (position 18) is wrong and no registry knows this code',
        GatewayErrorCode.USCC_CHECKSUM,
        { position: 18 },
      );
    }
    return null;
  }
  return { uscc, decoded };
}
