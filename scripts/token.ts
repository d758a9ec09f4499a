/**
 * `npm run token -- --role bank --org ICBC-SW [--uscc CODE] [--ttl 28800]`: mints a development
 * token signed by the sandbox's issuer (trusted by a gateway running against the sandbox only).
 * The token is checked by the gateway's own authenticator before it is printed: a token the
 * gateway would refuse is never minted (the reason is said instead).
 */
import { createAuthenticator, AuthenticationError } from '../src/auth/authenticate.ts';
import { DEFAULT_AUDIENCE, DEV_ISSUER, devJwks, mintDevToken } from '../src/auth/devIssuer.ts';
import { ROLES, type Role } from '../src/auth/principal.ts';
import { DEPARTMENT_NAMES } from '../src/model/unifiedModel.ts';
import { findUsccProblem, normalizeUscc, usccCheckCharacter } from '../src/credit/uscc.ts';
import { parseCli } from '../src/util/cli.ts';

const ROLE_NAMES = ROLES.filter((r) => r !== 'public');
const HELP = `npm run token -- --role <role> [--org ORG] [--uscc CODE] [--subject ID] [--ttl SECONDS]

Mints a development token for a gateway running against the sandbox (npm start). Roles:
  enterprise  --uscc CODE (a valid 统一社会信用代码)       the enterprise itself
  clerk       --org HALL                                   a service-hall window (窗口人员)
  bank        --org BANK                                   a bank's analyst (needs consents)
  regulator   --org BUREAU [--region 441581] [--department MARKET]
                                                           a regulator (监管人员), seeing only its region,
                                                           drawing only for its department
  reviewer    --org BUREAU --subject ID                    approves rule-set versions (规则集审核人, 发展改革局/司法局)
  department  --org ${DEPARTMENT_NAMES.join('|')}      a department's system (通报)
  developer   [--org ORG]                                  the playground's introspection
--ttl: seconds until it expires (default 28800, a shift of 8 hours; at most 86400).
Send it as "Authorization: Bearer <token>"; add "X-Purpose: <purpose>" where a read needs one.
A token the gateway would refuse is not minted: the reason is printed and the exit code is 2.`;

const { values } = parseCli(
  {
    options: {
      role: { type: 'string' },
      org: { type: 'string' },
      uscc: { type: 'string' },
      ttl: { type: 'string' },
      subject: { type: 'string' },
      region: { type: 'string' },
      department: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  },
  HELP,
);
const role = values.role as Role | undefined;
if (!role || !(ROLE_NAMES as readonly string[]).includes(role)) {
  console.error(`--role must be one of ${ROLE_NAMES.join(', ')}${role ? ` (got "${role}")` : ''}\n\n${HELP}`);
  process.exit(2);
}
// An enterprise token names its enterprise by a code the gateway would accept (GB 32100-2015, check character included).
if (typeof values.uscc === 'string') {
  const code = normalizeUscc(values.uscc);
  const problem = findUsccProblem(code);
  const expected = problem ? null : usccCheckCharacter(code.slice(0, 17));
  if (problem || code[17] !== expected) {
    const where = problem
      ? `position ${problem.position} (${problem.reason})`
      : `position 18: the check character is ${expected}, not ${code[17]}`;
    console.error(`not minted: an enterprise token must name a valid uscc — ${where} of "${code}"`);
    process.exit(2);
  }
  values.uscc = code;
}
const ttl = values.ttl === undefined ? undefined : Number(values.ttl);
if (ttl !== undefined && !(Number.isInteger(ttl) && ttl >= 1 && ttl <= 86_400)) {
  console.error(`--ttl must be whole seconds, 1 to 86400 (got "${String(values.ttl)}")`);
  process.exit(2);
}
const token = await mintDevToken({
  role,
  org: values.org,
  uscc: values.uscc,
  subject: values.subject,
  ttlSeconds: ttl,
  region: values.region,
  department: values.department,
});
// The gateway's own check (issuer, audience, expiry, role and its claims).
const authenticate = createAuthenticator({
  issuer: DEV_ISSUER,
  audience: DEFAULT_AUDIENCE,
  jwks: { keys: devJwks() },
});
try {
  await authenticate(`Bearer ${token}`, undefined);
} catch (err) {
  if (!(err instanceof AuthenticationError)) throw err;
  console.error(`not minted: the gateway would refuse this token — ${err.message}`);
  process.exit(2);
}
console.log(token);
