/** Every resolver, typed by codegen: one file per root field (Query/, Mutation/) and per type. */
import type { Resolvers } from '../src/generated/graphql.ts';
import { Access } from './Access.ts';
import { CheckBasis, CreditCheck } from './CreditCheck.ts';
import { Commitment, CreditPlatformRecords } from './CreditPlatformRecords.ts';
import { Enterprise } from './Enterprise.ts';
import { EnterpriseSummary } from './EnterpriseSummary.ts';
import { EnvironmentProfile } from './EnvironmentProfile.ts';
import { Evaluation, Measure } from './Evaluation.ts';
import { JudicialRecords } from './JudicialRecords.ts';
import { MarketRecords } from './MarketRecords.ts';
import { fileObjection } from './Mutation/fileObjection.ts';
import { answerObjection, Objection, ObjectionProgress, objectionQueue } from './Mutation/objections.ts';
import { grantConsent } from './Mutation/grantConsent.ts';
import { registerCommitment } from './Mutation/registerCommitment.ts';
import { CommitmentCheck, commitmentsToVerify, verifyCommitment } from './Mutation/commitmentChecks.ts';
import {
  Interview,
  InterviewCandidate,
  interviewCandidates,
  markRectified,
  recordInterview,
} from './Mutation/interviews.ts';
import { revokeConsent } from './Mutation/revokeConsent.ts';
import { auditTrail, closeInvestigation, myDataAccess } from './Query/auditTrail.ts';
import { creditCheck } from './Query/creditCheck.ts';
import {
  registerWebhook,
  removeWebhook,
  rotateWebhookSecret,
  webhookDeliveries,
  webhooks,
} from './Mutation/webhooks.ts';
import { creditEvents } from './Subscription/creditEvents.ts';
import { CreditEvent } from './CreditEvent.ts';
import { inspectionDraw, inspectionDraws } from './Query/inspectionDraws.ts';
import { roster } from './Query/roster.ts';
import { drawInspection, publishDraw } from './Mutation/drawInspection.ts';
import { approveRuleSet, proposeRuleSet, ruleSetVersions } from './Mutation/ruleSets.ts';
import { RosterEntry } from './RosterEntry.ts';
import {
  declareInspectorConflict,
  InspectionResult,
  recordInspectionResult,
  inspectionItems,
  inspectors,
  saveInspectionItem,
  saveInspector,
} from './Mutation/inspections.ts';
import { importInspectors } from './Mutation/importInspectors.ts';
import { InspectionDraw } from './InspectionDraw.ts';
import { enterprise } from './Query/enterprise.ts';
import { enterprises } from './Query/enterprises.ts';
import { myAccess } from './Query/myAccess.ts';
import { myConsents } from './Query/myConsents.ts';
import { riskAlerts } from './Query/riskAlerts.ts';
import { searchEnterprises } from './Query/searchEnterprises.ts';
import { LegalRepresentative, Registration } from './Registration.ts';
import { DateScalar, DateTimeScalar, MoneyScalar, USCCScalar } from './scalars.ts';
import { SourceStatus } from './SourceStatus.ts';
import { TaxProfile } from './TaxProfile.ts';

export const resolvers: Resolvers = {
  Query: {
    objectionQueue,
    commitmentsToVerify,
    interviewCandidates,
    enterprise,
    enterprises,
    searchEnterprises,
    creditCheck,
    riskAlerts,
    myAccess,
    myConsents,
    roster,
    inspectionDraws,
    inspectionDraw,
    myDataAccess,
    auditTrail,
    webhooks,
    webhookDeliveries,
    ruleSetVersions,
    inspectionItems,
    inspectors,
  },
  Subscription: { creditEvents },
  CreditEvent,
  // After a rotation, the previous secret's id and end while it still signs (never the secret itself).
  Webhook: {
    previousKeyId: (w) => w.previous?.keyId ?? null,
    previousKeyUntil: (w) => w.previous?.until ?? null,
  },
  Mutation: {
    grantConsent,
    revokeConsent,
    fileObjection,
    answerObjection,
    closeInvestigation,
    registerCommitment,
    verifyCommitment,
    recordInterview,
    markRectified,
    drawInspection,
    publishDraw,
    proposeRuleSet,
    approveRuleSet,
    saveInspectionItem,
    saveInspector,
    importInspectors,
    declareInspectorConflict,
    recordInspectionResult,
    registerWebhook,
    removeWebhook,
    rotateWebhookSecret,
  },
  InspectionDraw,
  InspectionResult,
  Objection,
  ObjectionProgress,
  CommitmentCheck,
  Interview,
  InterviewCandidate,
  RosterEntry,
  Access,
  Registration,
  LegalRepresentative,
  CreditCheck,
  CheckBasis,
  Evaluation,
  Measure,
  Enterprise,
  MarketRecords,
  JudicialRecords,
  TaxProfile,
  EnvironmentProfile,
  CreditPlatformRecords,
  Commitment,
  SourceStatus,
  EnterpriseSummary,
  USCC: USCCScalar,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Money: MoneyScalar,
};
