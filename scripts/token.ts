/**
 * `npm run token -- --role bank --org ICBC-SW [--uscc CODE] [--ttl 3600]`: mints a development
 * token signed by the sandbox's issuer (trusted by a gateway running against the sandbox only).
 */
import { parseArgs } from 'node:util';
import { mintDevToken } from '../src/auth/devIssuer.ts';
import { ROLES, type Role } from '../src/auth/principal.ts';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    org: { type: 'string' },
    uscc: { type: 'string' },
    ttl: { type: 'string' },
    subject: { type: 'string' },
  },
});
const role = values.role as Role | undefined;
if (!role || !(ROLES as readonly string[]).includes(role) || role === 'public') {
  console.error(
    `usage: npm run token -- --role <${ROLES.filter((r) => r !== 'public').join('|')}> [--org ORG] [--uscc CODE] [--ttl SECONDS]`,
  );
  process.exit(2);
}
const token = await mintDevToken({
  role,
  org: values.org,
  uscc: values.uscc,
  subject: values.subject,
  ttlSeconds: values.ttl ? Number(values.ttl) : undefined,
});
console.log(token);
