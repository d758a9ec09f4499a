/** The public credit platform's wire format (departments.md §5): JSON REST, reads and writes. */

/** A credit commitment (信用承诺). */
export interface CommitmentWire {
  id: string;
  type: string;
  matter: string;
  content: string;
  signedAt: string;
  status: 'FULFILLED' | 'PENDING' | 'BREACHED';
}

/** A red (honour) or black list entry. */
export interface ListEntryWire {
  id: string;
  list: 'RED' | 'BLACK';
  domain: string;
  reason: string;
  authority: string;
  listedAt: string;
  removedAt: string | null;
}

/** A completed credit repair (信用修复) of a record in any department. */
export interface RepairWire {
  recordRef: string;
  repairedAt: string;
}

/** An objection (异议) to a record. */
export interface ObjectionWire {
  id: string;
  recordRef: string;
  status: 'OPEN' | 'UPHELD' | 'REJECTED';
  filedAt: string;
  resolvedAt: string | null;
}

/** `GET /credit/v1/subjects/{uscc}`. */
export interface SubjectWire {
  commitments: CommitmentWire[];
  lists: ListEntryWire[];
  repairs: RepairWire[];
  objections: ObjectionWire[];
}

/** A consent as the platform stores it (status computed at read time). */
export interface ConsentWire {
  id: string;
  uscc: string;
  grantee: string;
  scopes: string[];
  purpose: string;
  /** ISO timestamp. */
  expiresAt: string;
  createdAt: string;
  revokedAt: string | null;
  status: 'ACTIVE' | 'REVOKED' | 'EXPIRED';
}

/** One change in the feed. */
export interface ChangeWire {
  seq: number;
  uscc: string;
  kind: 'REPAIR' | 'OBJECTION' | 'CONSENT' | 'LIST' | 'RECORD';
  at: string;
}

/** `GET /credit/v1/changes`. */
export interface ChangesWire {
  cursor: string;
  changes: ChangeWire[];
}
