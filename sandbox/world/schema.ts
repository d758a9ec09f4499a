/**
 * The world file's shape (docs/sandbox.md), as a zod schema so a bad file is
 * refused at start with the path of its first offending field. Every date is ISO `YYYY-MM-DD`.
 */
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date YYYY-MM-DD');
const money = z.string().regex(/^-?\d+(\.\d{1,2})?$/, 'expected a decimal string in yuan');
const year = z.number().int().min(1949).max(2200);

const penalty = z.strictObject({
  id: z.string().min(1),
  date: isoDate,
  kinds: z.array(z.string().min(1)).min(1),
  amount: money.nullable(),
  fact: z.string(),
});

const listing = z.strictObject({
  reason: z.string(),
  listedAt: isoDate,
  authority: z.string(),
  removedAt: isoDate.nullable(),
});

export const enterpriseSchema = z.strictObject({
  uscc: z
    .string()
    .regex(/^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/, 'expected an 18-character USCC'),
  name: z.string().min(1),
  legalRep: z.strictObject({ name: z.string().min(1), idNo: z.string().regex(/^\d{17}[\dX]$/) }),
  entType: z.string(),
  regStatus: z.enum(['存续', '在业', '迁出', '停业', '撤销', '吊销', '注销']),
  estDate: isoDate,
  regCap: z.string(),
  regOrg: z.string(),
  address: z.string(),
  scope: z.string(),
  /** GB/T 4754-2017 class, served as `industryCode` (connectors/market/wire.ts, v3). */
  industry: z.string().regex(/^[A-T]\d{0,4}$/, 'expected a GB/T 4754 class: a letter and up to four digits'),
  /** The latest 核准日期, served as `apprDate`. */
  approvedOn: isoDate,
  tax: z.strictObject({
    ratings: z.array(z.strictObject({ year, grade: z.enum(['A', 'B', 'M', 'C', 'D']) })),
    arrears: money,
    abnormal: z.boolean(),
    majorCases: z.array(
      z.strictObject({
        id: z.string().min(1),
        fact: z.string(),
        listedAt: isoDate,
        removedAt: isoDate.nullable(),
      }),
    ),
    paid: z.array(z.strictObject({ year, amount: money })),
    penalties: z.array(penalty),
  }),
  market: z.strictObject({
    penalties: z.array(penalty),
    abnormal: z.array(listing),
    seriousViolations: z.array(listing),
  }),
  environment: z.strictObject({
    ratings: z.array(z.strictObject({ year, card: z.enum(['GREEN', 'BLUE', 'YELLOW', 'RED', 'BLACK']) })),
    penalties: z.array(penalty),
  }),
  court: z.strictObject({
    dishonest: z.array(
      z.strictObject({
        caseCode: z.string().min(1),
        court: z.string(),
        publishedAt: isoDate,
        performance: z.string(),
        duty: z.string(),
        situation: z.string(),
        removedAt: isoDate.nullable(),
      }),
    ),
    enforced: z.array(
      z.strictObject({ caseCode: z.string().min(1), court: z.string(), filedAt: isoDate, amount: money }),
    ),
    restrictions: z.array(
      z.strictObject({ caseCode: z.string().min(1), court: z.string(), issuedAt: isoDate }),
    ),
  }),
  credit: z.strictObject({
    commitments: z.array(
      z.strictObject({
        id: z.string().min(1),
        type: z.string(),
        matter: z.string(),
        content: z.string(),
        signedAt: isoDate,
        dueDate: isoDate.nullable().default(null),
        status: z.enum(['FULFILLED', 'PENDING', 'BREACHED']),
      }),
    ),
    reorganizations: z
      .array(z.strictObject({ caseNo: z.string().min(1), court: z.string(), approvedAt: isoDate }))
      .default([]),
    lists: z.array(
      z.strictObject({
        id: z.string().min(1),
        list: z.enum(['RED', 'BLACK']),
        domain: z.string(),
        reason: z.string(),
        authority: z.string(),
        listedAt: isoDate,
        removedAt: isoDate.nullable(),
      }),
    ),
    repairs: z.array(z.strictObject({ recordRef: z.string().min(3), repairedAt: isoDate })),
    objections: z.array(
      z.strictObject({
        id: z.string().min(1),
        recordRef: z.string().min(3),
        status: z.enum(['OPEN', 'UPHELD', 'REJECTED']),
        filedAt: isoDate,
        resolvedAt: isoDate.nullable(),
      }),
    ),
  }),
});

export const worldFileSchema = z.strictObject({
  asOf: isoDate,
  enterprises: z.array(enterpriseSchema),
});

/** One enterprise as the world holds it, in the unified vocabulary. */
export type WorldEnterprise = z.infer<typeof enterpriseSchema>;
/** A penalty as the world holds it (tax, market and environment share the shape). */
export type WorldPenalty = z.infer<typeof penalty>;
/** An abnormal-operations or serious-violation listing. */
export type WorldListing = z.infer<typeof listing>;
/** The world file. */
export type WorldFile = z.infer<typeof worldFileSchema>;
