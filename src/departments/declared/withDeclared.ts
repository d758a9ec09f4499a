/**
 * An enterprise with what its declared departments answer (docs/departments.md): each one's
 * records made from its answer under the rule set's parameters, its freshness in `sources`, and a
 * department that could not answer among the missing, like any of the five. Asked at once beside
 * the five; a fresh answer held is read without its loader (the warm path).
 */
import { DepartmentError } from '../../../connectors/shared/DepartmentError.ts';
import { declaredParameters } from '../../credit/ruleSet.ts';
import type { LoadedEnterprise, SourceState } from '../../loading/loadEnterprise.ts';
import type { RequestDataDeps } from '../../loading/RequestData.ts';
import { DECLARED_FACTS, DECLARED_RATINGS, WITH_DECLARED } from '../../loading/warmMemos.ts';
import type { DeclaredRecordFacts } from '../../model/unifiedModel.ts';
import { parameterDefaults } from './declarations.ts';
import { DeclaredRecordError, declaredRating, declaredRecordFacts } from './records.ts';

/** The enterprise with its declared departments' answers: their records, or their absence. */
export async function withDeclaredAnswers(
  uscc: string,
  base: Promise<LoadedEnterprise>,
  deps: Pick<RequestDataDeps, 'declared' | 'rules' | 'today'>,
): Promise<LoadedEnterprise> {
  const declared = deps.declared;
  if (!declared?.departments.length) return base;
  const { today } = deps;
  // Asked at once, beside the five (not after them).
  const [loaded, results] = await Promise.all([
    base,
    Promise.all(
      declared.departments.map(async (d) => {
        try {
          // The answer's identity is its data version (the cache hands out the same value until it changes).
          const entry = declared.peek?.(d.name, uscc) ?? (await declared.loads(d.name, uscc));
          const { value } = entry;
          // The rule set sets the declaration's parameters (its review covers them): part of the key.
          const facts = await DECLARED_FACTS.get([d, value, deps.rules], today, () =>
            declaredRecordFacts(
              d,
              value,
              today,
              declaredParameters(deps.rules, d.name, parameterDefaults(d)),
            ),
          );
          const rating = d.rating
            ? await DECLARED_RATINGS.get([d, value], '', () => declaredRating(d, value))
            : null;
          const source: SourceState = {
            department: d.name,
            status: entry.stale ? 'STALE' : 'OK',
            fetchedAt: new Date(entry.fetchedAt).toISOString(),
          };
          return { name: d.name, entry: value, facts: facts as DeclaredRecordFacts[] | null, rating, source };
        } catch (err) {
          if (err instanceof DepartmentError || err instanceof DeclaredRecordError) {
            const source: SourceState = { department: d.name, status: 'UNAVAILABLE', fetchedAt: null };
            return {
              name: d.name,
              entry: err as unknown,
              facts: null,
              rating: d.rating ? null : undefined,
              source,
            };
          }
          throw err;
        }
      }),
    ),
  ]);
  return WITH_DECLARED.get([loaded, ...results.map((r) => r.entry)], '', () => ({
    ...loaded,
    // Each declared department's freshness beside the five's: what `sources` and the report say.
    sources: [...loaded.sources, ...results.map((r) => r.source)],
    data: {
      ...loaded.data,
      declared: results.flatMap((r) => r.facts ?? []),
      // The ratings of those that keep one (undefined: keeps none; null: none known, or it could not answer).
      declaredRatings: Object.fromEntries(
        results.flatMap((r) => (r.rating === undefined ? [] : [[r.name, r.rating]])),
      ),
    },
    missing: [...loaded.missing, ...results.filter((r) => r.facts === null).map((r) => r.name)],
    inputs: [...loaded.inputs, ...results.map((r) => r.entry)],
  }));
}
