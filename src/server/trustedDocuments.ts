/**
 * Trusted documents: the service-hall front ends' operations, registered from a manifest
 * (`{"<sha256 of the document>": "<document>"}`, as GraphQL Code Generator's client preset and
 * Apollo's persisted-query manifests write them). In "trusted only" mode anything else is refused;
 * otherwise manifest entries are served by hash and other queries pass (with automatic
 * persisted queries).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A loaded manifest. */
export interface TrustedDocuments {
  only: boolean;
  byHash: ReadonlyMap<string, string>;
}

/** The sha256 (hex) of a document, as persisted-query ids are written. */
export function documentHash(query: string): string {
  return createHash('sha256').update(query).digest('hex');
}

/** Reads a manifest; every entry's key must be its document's hash. */
export function loadTrustedDocuments(file: string, only: boolean): TrustedDocuments {
  const json = JSON.parse(readFileSync(file, 'utf8')) as
    Record<string, string> | { operations?: Array<{ id: string; body: string }> };
  const entries: Array<[string, string]> = Array.isArray((json as { operations?: unknown }).operations)
    ? (json as { operations: Array<{ id: string; body: string }> }).operations.map((o) => [o.id, o.body])
    : Object.entries(json as Record<string, string>);
  for (const [id, body] of entries)
    if (documentHash(body) !== id)
      throw new Error(`trusted documents ${file}: entry ${id} is not the sha256 of its document`);
  return { only, byHash: new Map(entries) };
}

/** What the HTTP layer does with a request body under the manifest. */
export type TrustedDecision = { ok: true; body: Record<string, unknown> } | { ok: false };

/** Resolves a request against the manifest: fills in a document named by hash; refuses strangers in "only" mode. */
export function applyTrustedDocuments(
  docs: TrustedDocuments,
  body: Record<string, unknown>,
): TrustedDecision {
  const ext = body.extensions as { persistedQuery?: { sha256Hash?: string } } | undefined;
  const hash =
    (typeof body.documentId === 'string' ? body.documentId.replace(/^sha256:/, '') : undefined) ??
    ext?.persistedQuery?.sha256Hash;
  const query = typeof body.query === 'string' ? body.query : undefined;
  if (query !== undefined) {
    if (docs.only && !docs.byHash.has(documentHash(query))) return { ok: false };
    return { ok: true, body };
  }
  if (hash && docs.byHash.has(hash)) {
    const { extensions: _e, documentId: _d, ...rest } = body;
    return { ok: true, body: { ...rest, query: docs.byHash.get(hash) } };
  }
  return docs.only ? { ok: false } : { ok: true, body };
}
