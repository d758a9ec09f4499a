/**
 * The configuration of the services beside the request path (docs/configuration.md): the audit log,
 * the credit reports, the organizations' quotas, the city ledger and the backfill's pace — each
 * read from the environment by the same reader, every problem listed at once.
 */
import type { DepartmentsConfig, GatewayConfig } from './gatewayConfig.ts';
import type { LedgerTarget } from '../ledger/openLedger.ts';
import { randomBytes } from 'node:crypto';
import {
  DEFAULT_DEPARTMENT_SETTINGS,
  type DepartmentCallSettings,
} from '../../connectors/shared/settings.ts';
import { parseQuotas, type QuotaFile } from '../server/quotas.ts';
import { readTls } from './tls.ts';
import { join } from 'node:path';
import { type Department } from '../departments/registry.ts';
import { EnvReader } from './env.ts';
import { signerFromPem } from '../audit/signing.ts';
import { reportKeyId } from '../frontends/report/verification.ts';
import { readSealImage, type SealImage } from '../frontends/report/seal.ts';
import { DEFAULT_REPORT_KEEP_SECONDS } from '../frontends/report/issuedReports.ts';

/** Rule sets bundled with the gateway, by name. */
/** The audit log: where, fsync, and the key that signs its checkpoints. */
export interface AuditConfig {
  file: string;
  fsync: boolean;
  /** Ed25519 private key (PKCS#8 PEM) signing checkpoints; null: no checkpoints (hash chain only). */
  signingKey: string | null;
  /** Its key id in checkpoints and at /.well-known/audit-keys. @default a digest of the public key */
  signingKeyId: string | null;
  /** How often the chain head is signed when entries came. */
  checkpointMs: number;
  /** With a signing key: the live file is rotated at this size (and daily). */
  rotateBytes: number;
  /**
   * The archive in the ledger (when there is one): entries shipped every `shipMs` (well inside the
   * 5 s the issue allows), months older than `retentionMonths` dropped; `ship: false` keeps the
   * trail local only.
   */
  archive: { ship: boolean; shipMs: number; retentionMonths: number };
}

/**
 * AUDIT_FILE, AUDIT_FSYNC, AUDIT_SIGNING_KEY or AUDIT_SIGNING_KEY_FILE, AUDIT_SIGNING_KEY_ID,
 * AUDIT_CHECKPOINT_MS, AUDIT_ROTATE_BYTES, AUDIT_ARCHIVE, AUDIT_SHIP_MS, AUDIT_RETENTION_MONTHS.
 */
export function readAudit(r: EnvReader, replica: string): AuditConfig {
  // AUDIT_SIGNING_KEY_FILE (a mounted secret) is read by the EnvReader like every <NAME>_FILE.
  const signingKey = r.string('AUDIT_SIGNING_KEY')?.replace(/\\n/g, '\n') ?? null;
  if (signingKey) {
    try {
      signerFromPem(signingKey);
    } catch {
      r.problems.push('the audit signing key is not an Ed25519 private key in PEM (PKCS#8)');
    }
  }
  return {
    file: r.string('AUDIT_FILE', join('audit', `${replica.replace(/[^\w.-]/g, '_')}.jsonl`)),
    fsync: r.bool('AUDIT_FSYNC', true),
    signingKey,
    signingKeyId: r.string('AUDIT_SIGNING_KEY_ID') ?? null,
    checkpointMs: r.int('AUDIT_CHECKPOINT_MS', 5000, 100, 3_600_000),
    rotateBytes: r.int('AUDIT_ROTATE_BYTES', 64 * 1024 * 1024, 4096, 2 ** 40),
    archive: {
      ship: r.bool('AUDIT_ARCHIVE', true),
      shipMs: r.int('AUDIT_SHIP_MS', 1000, 50, 5000),
      // Five years by default; set it to what the city's archive rules require.
      retentionMonths: r.int('AUDIT_RETENTION_MONTHS', 60, 1, 1200),
    },
  };
}

/**
 * Credit reports: REPORT_SECRET (or REPORT_SECRET_FILE) signs verification codes under
 * REPORT_KEY_ID; after a rotation the old key goes to REPORT_PREVIOUS_KEYS so the codes it signed
 * still verify. CHROMIUM_PATH renders PDFs.
 */
export function readReports(r: EnvReader, mode: DepartmentsConfig['mode']): GatewayConfig['reports'] {
  // Sandbox mode without REPORT_SECRET: a random secret per start, so no published default can forge a code.
  const secret =
    r.string('REPORT_SECRET') ?? (mode === 'sandbox' ? randomBytes(32).toString('base64url') : undefined);
  if (!secret)
    r.problems.push('REPORT_SECRET is required with department URLs (it signs report verification codes)');
  const keyId = r.string('REPORT_KEY_ID') ?? reportKeyId(secret ?? '');
  const id = /^[A-Za-z0-9_-]{1,32}$/;
  if (!id.test(keyId)) r.problems.push('REPORT_KEY_ID must be 1 to 32 letters, digits, - or _');
  const previousKeys = (r.string('REPORT_PREVIOUS_KEYS') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((pair) => {
      const at = pair.indexOf('=');
      const k = { id: pair.slice(0, at), secret: pair.slice(at + 1) };
      if (at < 1 || !id.test(k.id) || !k.secret) {
        r.problems.push('REPORT_PREVIOUS_KEYS must be id=secret pairs separated by commas');
        return [];
      }
      return [k];
    });
  return {
    secret: secret ?? '',
    keyId,
    previousKeys,
    chromiumPath: r.string('CHROMIUM_PATH', '/usr/bin/chromium'),
    publicBaseUrl: r.url('PUBLIC_BASE_URL') ?? null,
    issuer: r.string('REPORT_ISSUER', '公共信用信息服务平台（示例部署，出具单位未配置）'),
    seal: readSeal(r),
    keepSeconds: r.int('REPORT_KEEP_SECONDS', DEFAULT_REPORT_KEEP_SECONDS, 60, 7 * 86_400),
  };
}

/** The seal image named by REPORT_SEAL_IMAGE, checked at start (a bad file stops the start, named). */
export function readSeal(r: EnvReader): SealImage | null {
  const file = r.string('REPORT_SEAL_IMAGE');
  if (!file) return null;
  try {
    return readSealImage(file);
  } catch (err) {
    r.problems.push(`REPORT_SEAL_IMAGE: ${(err as Error).message}`);
    return null;
  }
}

/** Organizations' quotas: QUOTAS (JSON), or QUOTAS_FILE naming a JSON file. */
export function readQuotas(r: EnvReader): QuotaFile | null {
  const text = r.string('QUOTAS');
  if (text === undefined) return null;
  try {
    return parseQuotas(text);
  } catch (err) {
    r.problems.push(`QUOTAS: ${(err as Error).message}`);
    return null;
  }
}

/** The ledger's database: DATABASE_URL, else PGlite in LEDGER_DIR, unless LEDGER=false. */
export function readLedger(r: EnvReader): LedgerTarget | null {
  if (!r.bool('LEDGER', true)) return null; // LEDGER=false
  const databaseUrl = r.string('DATABASE_URL');
  if (databaseUrl) return { databaseUrl, tls: readTls(r, 'DATABASE') };
  return { dir: r.string('LEDGER_DIR', 'ledger') };
}

/**
 * Department calls one assessment makes to each department that answers one enterprise per call:
 * market regulation's registration, penalties, abnormal and serious lists; the platform's record.
 */
const CALLS_PER_ENTERPRISE: Partial<Record<Department, number>> = { MARKET: 4, CREDIT: 1 };

/**
 * The backfill's default pace: as fast as the slowest per-enterprise department's published rate
 * allows (market regulation's 1,000 calls/s at four calls each: 250 enterprises/s). The bulk lane
 * keeps live lookups ahead of it (DepartmentLimits), so the pace need not leave them headroom.
 */
export function backfillPace(settings: Partial<Record<Department, Partial<DepartmentCallSettings>>>): number {
  const paces = Object.entries(CALLS_PER_ENTERPRISE).map(([d, calls]) => {
    const rate =
      settings[d as Department]?.ratePerSec ?? DEFAULT_DEPARTMENT_SETTINGS[d as Department].ratePerSec;
    return Math.floor(rate / calls!);
  });
  return Math.max(1, Math.min(...paces));
}
