import { makeExecutableSchema } from '@graphql-tools/schema';
import { graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AuditContext } from '../../../src/audit/auditContext.ts';
import { applyPermissions } from '../../../src/auth/permissions.ts';
import { PUBLIC, type Principal } from '../../../src/auth/principal.ts';
import { loadTypeDefs } from '../../../src/server/schema.ts';
import { resolvers } from '../../../resolvers/index.ts';

const sink = { append: async () => {}, close: async () => {} };
const ctxFor = (principal: Principal) => ({
  principal,
  audit: new AuditContext(sink, principal, 'r', Date.now),
  consents: { check: async () => true },
});

describe('deny by default', () => {
  it('a field added to the schema without a rule is denied to every role', async () => {
    const schema = applyPermissions(
      makeExecutableSchema({
        typeDefs: [
          ...loadTypeDefs(),
          'extend type Query { "A new field nobody wrote a rule for." secretNumber: Int }',
        ],
        resolvers: [resolvers as never, { Query: { secretNumber: () => 42 } }],
      }),
    );
    for (const role of ['public', 'regulator', 'developer'] as const) {
      const result = await graphql({
        schema,
        source: '{ secretNumber }',
        contextValue: ctxFor({ ...PUBLIC, role, purpose: 'SUPERVISION' }),
      });
      expect(result.data?.secretNumber ?? null).toBeNull();
      expect(result.errors?.[0]?.extensions?.code, role).toBe('FORBIDDEN');
    }
  });
});
