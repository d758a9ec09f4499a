/**
 * The public credit platform's wire format (its published contract), stated once: zod schemas the
 * connector parses with and the sandbox serves by, and the types inferred from them.
 */
import { z } from 'zod';

const str = z.string();

/** A credit commitment (信用承诺). */
export const commitmentWire = z.object({
  id: str,
  type: str,
  matter: str,
  content: str,
  signedAt: str,
  /** `YYYY-MM-DD` a PENDING commitment must be met by, or null for no deadline. */
  dueDate: str.nullable(),
  status: z.enum(['FULFILLED', 'PENDING', 'BREACHED']),
});
/** A credit commitment on the wire. */
export type CommitmentWire = z.infer<typeof commitmentWire>;

/** A reorganisation plan a court approved (重整计划). */
export const reorganizationWire = z.object({ caseNo: str, court: str, approvedAt: str });
/** A reorganisation on the wire. */
export type ReorganizationWire = z.infer<typeof reorganizationWire>;

/** A red (honour) or black list entry. */
export const listEntryWire = z.object({
  id: str,
  list: z.enum(['RED', 'BLACK']),
  domain: str,
  reason: str,
  authority: str,
  listedAt: str,
  removedAt: str.nullable(),
});
/** A list entry on the wire. */
export type ListEntryWire = z.infer<typeof listEntryWire>;

/** A completed credit repair (信用修复) of a record in any department. */
export const repairWire = z.object({ recordRef: str, repairedAt: str });
/** A repair on the wire. */
export type RepairWire = z.infer<typeof repairWire>;

/** An objection (异议) to a record. */
export const objectionWire = z.object({
  id: str,
  recordRef: str,
  status: z.enum(['OPEN', 'UPHELD', 'REJECTED']),
  filedAt: str,
  resolvedAt: str.nullable(),
});
/** An objection on the wire. */
export type ObjectionWire = z.infer<typeof objectionWire>;

/** `GET /credit/v1/subjects/{uscc}`. */
export const subjectWire = z.object({
  commitments: z.array(commitmentWire),
  reorganizations: z.array(reorganizationWire),
  lists: z.array(listEntryWire),
  repairs: z.array(repairWire),
  objections: z.array(objectionWire),
});
/** A subject on the wire. */
export type SubjectWire = z.infer<typeof subjectWire>;

/** A consent as the platform stores it (status computed at read time; `expiresAt` an ISO timestamp). */
export const consentWire = z.object({
  id: str,
  uscc: str,
  grantee: str,
  scopes: z.array(str),
  purpose: str,
  expiresAt: str,
  createdAt: str,
  revokedAt: str.nullable(),
  status: z.enum(['ACTIVE', 'REVOKED', 'EXPIRED']),
});
/** A consent on the wire. */
export type ConsentWire = z.infer<typeof consentWire>;

/** `GET /credit/v1/consents`. */
export const consentsWire = z.object({ consents: z.array(consentWire) });

/** One change in the feed. */
export const changeWire = z.object({
  seq: z.number(),
  uscc: str,
  kind: z.enum(['REPAIR', 'OBJECTION', 'CONSENT', 'LIST', 'RECORD', 'COMMITMENT', 'REORGANIZATION']),
  at: str,
});
/** A change on the wire. */
export type ChangeWire = z.infer<typeof changeWire>;

/** `GET /credit/v1/changes`. */
export const changesWire = z.object({ cursor: str, changes: z.array(changeWire) });
/** A feed page on the wire. */
export type ChangesWire = z.infer<typeof changesWire>;

/** What a write answers: the new resource's id. */
export const idOnlyWire = z.object({ id: str });

/** `POST /credit/v1/commitments`: an approval system registers the commitment it accepted (告知承诺). */
export const commitmentRequestWire = z.object({
  uscc: str,
  type: str,
  matter: str,
  content: str,
  dueDate: str.nullable(),
});
/** A commitment registration on the wire. */
export type CommitmentRequestWire = z.infer<typeof commitmentRequestWire>;
