/** A recorded draw: its tiers from the population snapshot. */
import type { InspectionDrawResolvers } from '../src/generated/graphql.ts';

export const InspectionDraw: InspectionDrawResolvers = {
  tiers: (d) => d.snapshot.map((t) => ({ tier: t.tier, population: t.population.length, drawn: t.drawn })),
};
