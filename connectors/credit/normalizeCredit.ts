/** Credit-platform wire records → the unified model (connectors/credit/wire.ts). */
import type { Consent, CreditPlatformRecords } from '../../src/model/unifiedModel.ts';
import { isoDate } from '../shared/formats.ts';
import type { ConsentWire, SubjectWire } from './wire.ts';

/** A subject's commitments, lists, repairs and objections. */
export function normalizeSubject(w: SubjectWire): CreditPlatformRecords {
  return {
    commitments: w.commitments.map((c) => ({
      id: c.id,
      type: c.type,
      matter: c.matter,
      content: c.content,
      signedOn: isoDate(c.signedAt),
      dueOn: c.dueDate ? isoDate(c.dueDate) : null,
      status: c.status,
    })),
    reorganizations: w.reorganizations.map((r) => ({
      caseNo: r.caseNo,
      court: r.court,
      approvedOn: isoDate(r.approvedAt.slice(0, 10)),
    })),
    lists: w.lists.map((l) => ({
      id: l.id,
      list: l.list,
      domain: l.domain,
      reason: l.reason,
      authority: l.authority,
      listedOn: isoDate(l.listedAt),
      removedOn: l.removedAt ? isoDate(l.removedAt) : null,
    })),
    repairs: w.repairs.map((r) => ({
      recordRef: r.recordRef,
      repairedOn: isoDate(r.repairedAt.slice(0, 10)),
    })),
    objections: w.objections.map((o) => ({
      id: o.id,
      recordRef: o.recordRef,
      status: o.status,
      filedOn: isoDate(o.filedAt.slice(0, 10)),
      resolvedOn: o.resolvedAt ? isoDate(o.resolvedAt.slice(0, 10)) : null,
    })),
  };
}

/** A consent as the platform stores it. */
export function normalizeConsent(w: ConsentWire): Consent {
  return { ...w, scopes: [...w.scopes] };
}
