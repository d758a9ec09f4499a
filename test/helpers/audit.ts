/** Audit entries for the log's own tests: a clerk's read, numbered by its request id. */
import type { AuditEvent } from '../../src/audit/AuditLog.ts';

/** A clerk's read of one enterprise's evaluation, request id `r<k>`. */
export const auditEvent = (k: number): AuditEvent => ({
  at: '2026-11-01T08:00:00.000Z',
  requestId: `r${k}`,
  subject: 's',
  org: 'o',
  role: 'clerk',
  purpose: 'LICENSING',
  action: 'read',
  operation: null,
  enterprises: ['X'],
  fieldGroups: ['Enterprise.evaluation'],
  outcome: 'served',
});
