/** How resolvers read a department's data: through the request's loaders, a failure mapped to SOURCE_UNAVAILABLE. */
import { DepartmentError } from '../connectors/shared/DepartmentError.ts';
import { loadSettled } from '../src/data/enterpriseData.ts';
import { SOURCE_DEPARTMENT, type SourceName, type SourceValues } from '../src/data/sources.ts';
import type { GatewayContext } from '../src/context.ts';
import { sourceUnavailable } from '../src/errors.ts';

/** The source's value for one enterprise (null when the department does not know it). */
export async function load<S extends SourceName>(ctx: GatewayContext, source: S, uscc: string): Promise<SourceValues[S] | null> {
  const r = await loadSettled(ctx.loaders, source, uscc);
  if (r instanceof DepartmentError) throw sourceUnavailable(SOURCE_DEPARTMENT[source]);
  return r.value;
}
