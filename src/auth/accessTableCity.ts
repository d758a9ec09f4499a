/**
 * The access table's entries for the city's supervision (accessTable.ts holds the rest): rosters,
 * draws, their items, inspectors and results, and the credit events and webhooks. Keys are schema
 * type names, then field names.
 */
import { all, ANY, type Audience } from './accessAudiences.ts';

/** Rosters and 双随机 draws (docs/rules.md "Supervision and alerts"). */
export const SUPERVISION_ACCESS: Readonly<Record<string, Readonly<Record<string, Audience[]>>>> = {
  Roster: all(ANY, 'totalCount counts gradeCounts edges pageInfo snapshot coverage'),
  LedgerCoverage: all(ANY, 'registry complete provisional missing overdue whole asOf'),
  TierCount: all(ANY, 'tier count'),
  GradeTierCount: all(ANY, 'grade tier count'),
  RosterEdge: all(ANY, 'cursor node'),
  RosterEntry: all(
    ANY,
    'uscc grade tier regionCode industryCode name address legalRepresentative registrationAuthority regionName alertKinds departments evaluatedAt',
  ),
  // A published draw is anyone's, but not its classification (Langfang 四(一): the tier is an internal
  // reference of the regulators): the public reads who was drawn and how, never how each was graded.
  InspectionDraw: {
    ...all(
      ANY,
      'id department seed seedHash seedCommittedAt repeatOf repeatReason drawnAt enterprises publishedAt coverage acceptedIncomplete item assignments inspectorsShort results resultsPending resultsOverdue recordHash',
    ),
    tiers: ['regulator'],
    record: ['regulator'],
    resultsPublicBy: ['regulator'],
    resultsPublicDaysLeft: ['regulator'],
  },
  InspectorImport: all(['regulator'], 'added updated inspectors'),
  DrawTier: all(ANY, 'tier population drawn'),
  // Items and inspectors (一单两库): the pools are the regulators'; a published draw names its item
  // and inspectors (一公开), never the enterprises an inspector must not inspect.
  InspectionItem: all(ANY, 'id department code name legalBasis active'),
  Inspector: { ...all(ANY, 'id department name unit region active'), conflicts: ['regulator'] },
  InspectorConflict: all(ANY, 'uscc reason'),
  InspectorAssignment: all(ANY, 'uscc inspectors'),
  InspectionResult: all(ANY, 'uscc result resultText inspectedOn note recordedAt'),
  DrawnEnterprise: { ...all(ANY, 'uscc'), tier: ['regulator'] },
};

/** Credit events and webhooks (their deliveries decided again by the audience rule: eventAudience.ts). */
export const EVENT_ACCESS: Readonly<Record<string, Readonly<Record<string, Audience[]>>>> = {
  CreditEvent: all(ANY, 'id uscc kind at record listEntry grade alert basis objection consent deadline'),
  EventRecord: all(ANY, 'id department kind severity status date title published'),
  EventListEntry: all(ANY, 'id list domain listedOn removedOn'),
  GradeChange: all(ANY, 'from to ruleSet evaluatedAt'),
  EventObjection: all(ANY, 'id recordRef status'),
  EventConsent: all(ANY, 'id grantee scopes purpose expiresAt'),
  EventDeadline: all(ANY, 'id department dueOn about'),
  Webhook: all(ANY, 'id url kinds usccs keyId previousKeyId previousKeyUntil createdAt removedAt'),
  WebhookRegistration: all(ANY, 'id secret keyId webhook'),
  WebhookDelivery: all(ANY, 'eventId uscc kind status attempts nextAttemptAt attemptLog'),
  WebhookAttempt: all(ANY, 'at httpStatus error'),
};
