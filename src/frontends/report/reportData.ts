/** What a credit report is made from (reportHtml.ts renders it): the data, who issued it, how it is verified. */
import type { DeclaredPartStatus } from './declaredSections.ts';
import type { SealImage } from './seal.ts';

/** The data a report shows (as the GraphQL API answered it for the caller; null where the caller may not see it). */
export interface ReportData {
  /** The ledger was away: objection progress and interviews are unknown, not absent. */
  ledgerUnavailable?: boolean;
  /** Per declared department key: why its part of the report is absent (its field's error). */
  declaredStatus?: Record<string, DeclaredPartStatus>;
  enterprise: {
    uscc: string;
    name: string | null;
    code: { regionCode: string; organizationTypeName: string | null; checksumValid: boolean };
    registration: {
      status: string;
      statusText: string;
      establishedOn: string;
      entityType: string;
      authority: string;
      address: string;
      /** 经营范围, GB/T 4754 class and the latest 核准日期 (asked for by the report; absent in older data). */
      scope?: string;
      industryCode?: string;
      approvedOn?: string;
      legalRepresentative: { name: string };
      registeredCapital?: { text: string } | null;
    } | null;
    evaluation: {
      grade: string;
      label: string;
      ruleSet: string;
      ruleSetName?: string;
      version: string;
      evaluatedAt: string;
      period?: { from: string; to: string } | null;
      basis: { rule: string; ruleName?: string; records?: Array<{ id: string; title: string }> | null };
      complete: boolean;
      missingDepartments: string[];
    } | null;
    records: Array<{
      id: string;
      department: string;
      kind: string;
      severity: string;
      date: string;
      title: string;
      status: string;
      publicity: { until: string | null };
      penalty?: {
        kinds: string[];
        amount: string | null;
        fact: string;
        authority: string | null;
      } | null;
    }>;
    /** Records with their history (repaired ones among them), to say what each repair repaired. */
    history?: Array<{
      id: string;
      recordRef: string;
      title: string;
      date: string;
      penalty?: { authority: string | null } | null;
    }> | null;
    credit: {
      lists?: Array<{
        id: string;
        list: 'RED' | 'BLACK';
        domain: string;
        reason: string;
        authority: string;
        listedOn: string;
        removedOn: string | null;
      }> | null;
      commitments?: Array<{
        id: string;
        type: string;
        matter: string;
        content: string;
        signedOn: string;
        dueOn: string | null;
        status: string;
        overdue: boolean;
      }> | null;
      repairs: Array<{ recordRef: string; repairedOn: string }> | null;
      objections?: Array<{
        id: string;
        recordRef: string;
        status: string;
        filedOn: string;
        resolvedOn: string | null;
        /** The workflow on it (null: not filed through the gateway, or the ledger away). */
        progress?: {
          department: string;
          answerDueOn: string | null;
          compareDueOn: string | null;
          deadlinesKnown: boolean;
          decision: string | null;
          answer: string | null;
          answeredOn: string | null;
          overdue: boolean;
        } | null;
      }> | null;
    } | null;
    /** 约谈 records (null: the ledger away or none kept). */
    interviews?: Array<{
      department: string;
      kind: string;
      heldOn: string;
      required: string;
      rectifyBy: string;
      rectifiedOn: string | null;
      overdue: boolean;
    }> | null;
    sources: Array<{ department: string; status: string; fetchedAt: string | null }>;
    /** Departments' own ratings by year (null: the reader may not see them, or no data). */
    tax?: { ratings?: Array<{ year: number; grade: string }> | null } | null;
    environment?: { ratings?: Array<{ year: number; card: string }> | null } | null;
  };
}

/** Who issued the report and for whom (出具单位, 查询机构, 查询目的). */
export interface ReportIssue {
  issuer: string;
  /** The issuer's seal mark, or null where the deployment configured none (said so on the report). */
  seal: SealImage | null;
  /** The organization (or the enterprise itself) that asked. */
  requester: string;
  /** The purpose stated, in words. */
  purpose: string;
}

/** How the report is verified: the short code, the full URL (also in the QR code, as SVG). */
export interface ReportVerification {
  code: string;
  url: string;
  qrSvg: string;
}
