/**
 * The parts a rule set is built of (ruleSet.ts): an amount, a publicity window, a condition over
 * counted records, a region, and a cited document of its library.
 */
import { z } from 'zod';
import { DOCUMENT_LEVELS } from './lawfulness.ts';

export const money = z.string().regex(/^\d+(\.\d{1,2})?$/);
export const window = z.strictObject({
  published: z.boolean(),
  minMonths: z.number().int().min(0),
  maxMonths: z.number().int().min(0),
});

/** Conditions over an enterprise's counted records; all given ones must hold. */
export const condition = z.strictObject({
  licenceRevoked: z.boolean().optional(),
  seriousMin: z.number().int().min(0).optional(),
  generalMin: z.number().int().min(0).optional(),
  dishonestDebtorActive: z.boolean().optional(),
  breachedCommitmentInPeriod: z.boolean().optional(),
  openObjection: z.boolean().optional(),
  grades: z.array(z.string()).min(1).optional(),
  /** At most this many serious records in force (0: none). */
  seriousMax: z.number().int().min(0).optional(),
  /** An active RED list entry (守信联合激励对象, docs/rules.md "Approval checks"). */
  redListActive: z.boolean().optional(),
  /**
   * No general or serious record dated in these months before the day, nor one in force whatever
   * its date (连续三年无不良信用记录 is 36): repaired, removed and reorganised-away records aside.
   */
  cleanMonths: z.number().int().min(1).optional(),
});
/** A condition of a grade or a measure. */
export type Condition = z.infer<typeof condition>;

/** Where a document was issued: nothing for a national one, else its province (city, county). */
export const region = z.strictObject({
  province: z.string().min(1).optional(),
  city: z.string().min(1).optional(),
  county: z.string().min(1).optional(),
});
/** A region (or a rule set's jurisdiction, which names at least a province and a city). */
export type Region = z.infer<typeof region>;

export const citedDocument = z.strictObject({
  title: z.string().min(1),
  /** Its document number (文号), where it has one. */
  number: z.string().min(1).optional(),
  level: z.enum(DOCUMENT_LEVELS),
  region,
  /** Clauses cited, by the label measures cite them with: their words, and quantities they state. */
  clauses: z
    .record(
      z.string().min(1),
      z.strictObject({
        quote: z.string().min(1),
        /** Quantities the text states, which a measure citing it must carry exactly. */
        states: z
          .strictObject({
            /** Months without an adverse record the text asks for (连续三年无不良信用记录: 36). */
            cleanMonths: z.number().int().min(1).optional(),
          })
          .optional(),
      }),
    )
    .default({}),
});
/** A document in a rule set's library. */
export type CitedDocument = z.infer<typeof citedDocument>;
