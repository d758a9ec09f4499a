/** The public credit platform's client: subjects, consents, objections, repairs, the change feed. */
import type { Lane } from '../shared/DepartmentLimits.ts';
import type { Consent, CreditChange, CreditPlatformRecords } from '../../src/model/unifiedModel.ts';
import { DepartmentError } from '../shared/DepartmentError.ts';
import type { DepartmentHttp, RawResponse } from '../shared/DepartmentHttp.ts';
import { normalizeOrReject, parseBody } from '../shared/parseJson.ts';
import { normalizeConsent, normalizeSubject } from './normalizeCredit.ts';
import { changesWire, consentsWire, idOnlyWire, subjectWire, type CommitmentRequestWire } from './wire.ts';

/** A feed read: new changes and the cursor after them, or `gone` when the cursor is too old (410). */
export type ChangesRead = { gone: true } | { gone: false; cursor: string; changes: CreditChange[] };

/** What a write was refused for (a 4xx from the platform), as a value, not an exception. */
export type WriteOutcome<T> = { ok: true; value: T } | { ok: false; status: number };

/** Credit-platform reads and writes. */
export class CreditConnector {
  constructor(private readonly http: DepartmentHttp) {}

  /** A subject's records, or null when the platform does not know the code. */
  fetchSubject(uscc: string, lane: Lane = 'interactive'): Promise<CreditPlatformRecords | null> {
    return this.http.call(
      {
        method: 'GET',
        path: `/credit/v1/subjects/${encodeURIComponent(uscc)}`,
        route: 'GET /credit/v1/subjects/{uscc}',
        lane,
      },
      (res) => {
        if (res.status === 404) return null;
        if (res.status !== 200) throw new DepartmentError('CREDIT', 'rejected', res.status);
        return normalizeOrReject('CREDIT', () =>
          normalizeSubject(parseBody('CREDIT', res.text, subjectWire)),
        );
      },
    );
  }

  /** Consents of a grantee (all its enterprises in one call) or of an enterprise; `all` includes dead ones. */
  listConsents(filter: { grantee?: string; uscc?: string; all?: boolean }): Promise<Consent[]> {
    const q = new URLSearchParams();
    if (filter.uscc) q.set('uscc', filter.uscc);
    if (filter.grantee) q.set('grantee', filter.grantee);
    if (filter.all) q.set('status', 'all');
    return this.http.call(
      { method: 'GET', path: `/credit/v1/consents?${q}`, route: 'GET /credit/v1/consents' },
      (res) => {
        if (res.status !== 200) throw new DepartmentError('CREDIT', 'rejected', res.status);
        return parseBody('CREDIT', res.text, consentsWire).consents.map(normalizeConsent);
      },
    );
  }

  /** Files an objection (异议) to a record. */
  fileObjection(input: {
    uscc: string;
    recordRef: string;
    reason: string;
  }): Promise<WriteOutcome<{ id: string }>> {
    return this.write('POST', '/credit/v1/objections', 'POST /credit/v1/objections', input);
  }

  /** Registers a commitment an approval system accepted (告知承诺, connectors/credit/wire.ts). */
  registerCommitment(input: CommitmentRequestWire): Promise<WriteOutcome<{ id: string }>> {
    return this.write('POST', '/credit/v1/commitments', 'POST /credit/v1/commitments', input);
  }

  /** Sets a commitment's status, as the department that verifies it (connectors/credit/wire.ts: `PATCH`). */
  setCommitmentStatus(id: string, status: 'FULFILLED' | 'BREACHED'): Promise<WriteOutcome<{ id: string }>> {
    return this.write(
      'PATCH',
      `/credit/v1/commitments/${encodeURIComponent(id)}`,
      'PATCH /credit/v1/commitments/{id}',
      { status },
    );
  }

  /** Records a consent. */
  grantConsent(input: {
    uscc: string;
    grantee: string;
    scopes: string[];
    purpose: string;
    expiresAt: string;
  }): Promise<WriteOutcome<{ id: string }>> {
    return this.write('POST', '/credit/v1/consents', 'POST /credit/v1/consents', input);
  }

  /** Revokes a consent. */
  revokeConsent(id: string): Promise<WriteOutcome<{ id: string }>> {
    return this.write(
      'DELETE',
      `/credit/v1/consents/${encodeURIComponent(id)}`,
      'DELETE /credit/v1/consents/{id}',
    );
  }

  /** Records a completed repair decided by the department owning the record. */
  recordRepair(input: {
    uscc: string;
    recordRef: string;
    decidedBy: string;
  }): Promise<WriteOutcome<{ id: string }>> {
    return this.write('POST', '/credit/v1/repairs', 'POST /credit/v1/repairs', input);
  }

  /** Reads the change feed after `cursor` (null: start from now). */
  fetchChanges(cursor: string | null, limit = 500): Promise<ChangesRead> {
    const q = new URLSearchParams({ limit: String(limit) });
    if (cursor) q.set('after', cursor);
    return this.http.call(
      { method: 'GET', path: `/credit/v1/changes?${q}`, route: 'GET /credit/v1/changes' },
      (res) => {
        if (res.status === 410) return { gone: true } as const;
        if (res.status !== 200) throw new DepartmentError('CREDIT', 'rejected', res.status);
        return { gone: false, ...parseBody('CREDIT', res.text, changesWire) } as const;
      },
    );
  }

  private write(
    method: 'POST' | 'DELETE' | 'PATCH',
    path: string,
    route: string,
    body?: unknown,
  ): Promise<WriteOutcome<{ id: string }>> {
    return this.http.call(
      { method, path, route, body: body === undefined ? undefined : JSON.stringify(body) },
      (res: RawResponse) => {
        if (res.status >= 400) return { ok: false, status: res.status } as const;
        return { ok: true, value: parseBody('CREDIT', res.text, idOnlyWire) } as const;
      },
    );
  }
}
