/**
 * `npm run manifests:check` (in .ci/run): the Kubernetes manifests in deploy/k8s validated offline
 * against the Kubernetes schemas (kubernetes-models: the OpenAPI schemas compiled to JSON-schema
 * validators), then checked for what this gateway needs of them — probes on /healthz and /readyz,
 * a preStop pause and a termination grace longer than it plus the drain, non-root, secrets as
 * files (`<NAME>_FILE`) and never as values — and the Dockerfile's structure (no Docker engine or
 * Dockerfile linter is available here: multi-stage, pinned base, non-root USER, HEALTHCHECK,
 * compiled entry). Exits 1 listing every problem.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

const ROOT = join(import.meta.dirname, '..');
const DIR = join(ROOT, 'deploy', 'k8s');
/** The drain's grace (src/server/drain.ts) plus margin: the pod must outlive preStop + drain. */
const DRAIN_SECONDS = 10;

/** The model class of each kind used here (apiVersion/kind → module path and export). */
const MODELS: Record<string, [string, string]> = {
  'v1/ConfigMap': ['kubernetes-models/v1/ConfigMap', 'ConfigMap'],
  'v1/Service': ['kubernetes-models/v1/Service', 'Service'],
  'v1/Secret': ['kubernetes-models/v1/Secret', 'Secret'],
  'apps/v1/Deployment': ['kubernetes-models/apps/v1/Deployment', 'Deployment'],
  'policy/v1/PodDisruptionBudget': ['kubernetes-models/policy/v1/PodDisruptionBudget', 'PodDisruptionBudget'],
  'autoscaling/v2/HorizontalPodAutoscaler': [
    'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
    'HorizontalPodAutoscaler',
  ],
  'networking.k8s.io/v1/NetworkPolicy': [
    'kubernetes-models/networking.k8s.io/v1/NetworkPolicy',
    'NetworkPolicy',
  ],
};

const problems: string[] = [];
const kinds = new Set<string>();
/** The parts of a Deployment this script reads. */
interface DeploymentDoc {
  spec: {
    template: {
      spec: {
        terminationGracePeriodSeconds?: number;
        securityContext?: { runAsNonRoot?: boolean };
        volumes?: Array<{ secret?: unknown }>;
        containers: Array<{
          readinessProbe?: { httpGet?: { path?: string } };
          livenessProbe?: { httpGet?: { path?: string } };
          lifecycle?: { preStop?: unknown };
          env?: Array<{ name: string; value?: string }>;
        }>;
      };
    };
  };
}
let deployment: DeploymentDoc | null = null;
let maxReplicas: number | null = null;
let configured: Record<string, string> = {};

for (const file of readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort()) {
  for (const doc of parseAllDocuments(readFileSync(join(DIR, file), 'utf8'))) {
    if (doc.errors.length) {
      problems.push(`${file}: YAML: ${doc.errors[0]!.message}`);
      continue;
    }
    const obj = doc.toJS() as { apiVersion?: string; kind?: string } | null;
    if (!obj) continue;
    const key = `${obj.apiVersion}/${obj.kind}`;
    const model = MODELS[key];
    if (!model) {
      problems.push(`${file}: no schema known for ${key}`);
      continue;
    }
    const mod = (await import(model[0])) as Record<string, new (o: unknown) => { validate(): void }>;
    try {
      new mod[model[1]]!(obj).validate();
    } catch (err) {
      problems.push(`${file}: ${key} does not match the Kubernetes schema: ${(err as Error).message}`);
    }
    kinds.add(obj.kind!);
    if (obj.kind === 'Deployment') deployment = obj as unknown as DeploymentDoc;
    if (obj.kind === 'HorizontalPodAutoscaler')
      maxReplicas = (obj as unknown as { spec: { maxReplicas: number } }).spec.maxReplicas;
    if (
      obj.kind === 'ConfigMap' &&
      (obj as { metadata?: { name?: string } }).metadata?.name === 'credit-gateway'
    )
      configured = (obj as unknown as { data: Record<string, string> }).data;
  }
}

for (const k of [
  'Deployment',
  'Service',
  'ConfigMap',
  'PodDisruptionBudget',
  'HorizontalPodAutoscaler',
  'NetworkPolicy',
])
  if (!kinds.has(k)) problems.push(`deploy/k8s has no ${k}`);

if (deployment) {
  const pod = deployment.spec.template.spec;
  const c = pod.containers[0]!;
  if (c.readinessProbe?.httpGet?.path !== '/readyz') problems.push('the readiness probe must be GET /readyz');
  if (c.livenessProbe?.httpGet?.path !== '/healthz') problems.push('the liveness probe must be GET /healthz');
  const pause =
    Number(/setTimeout\(\(\) => \{\}, (\d+)\)/.exec(JSON.stringify(c.lifecycle?.preStop ?? ''))?.[1] ?? 0) /
    1000;
  if (!pause) problems.push('a preStop pause is needed (the load balancer stops sending before the drain)');
  if (!((pod.terminationGracePeriodSeconds ?? 0) > pause + DRAIN_SECONDS))
    problems.push(
      `terminationGracePeriodSeconds must exceed the preStop pause + the drain (${pause + DRAIN_SECONDS} s)`,
    );
  if (!pod.securityContext?.runAsNonRoot) problems.push('the pod must run as non-root');
  for (const e of c.env ?? []) {
    if (
      /SECRET|KEY|PASSWORD|TOKEN|DATABASE_URL|REDIS_URL/.test(e.name) &&
      !e.name.endsWith('_FILE') &&
      'value' in e
    )
      problems.push(`${e.name} is a secret given as a value: mount it and use ${e.name}_FILE`);
    if (
      e.name.endsWith('_FILE') &&
      /SECRET|KEY|PASSWORD|TOKEN|DATABASE_URL|REDIS_URL|TLS/.test(e.name) &&
      !String(e.value).startsWith('/run/secrets/')
    )
      problems.push(`${e.name} should point into the mounted secret (/run/secrets/…)`);
  }
  if (!pod.volumes?.some((v) => v.secret))
    problems.push('secrets must be mounted as files (a secret volume)');
}

// With Redis away each replica keeps to limit ÷ REPLICAS: fewer than the autoscaler may run would
// let the replicas together pass a department's published limit.
if (maxReplicas !== null && !(Number(configured.REPLICAS ?? 1) >= maxReplicas))
  problems.push(
    `REPLICAS (${configured.REPLICAS ?? 'unset: 1'}) must be at least the HorizontalPodAutoscaler's maxReplicas (${maxReplicas})`,
  );

const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const froms = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)];
if (froms.length < 2) problems.push('Dockerfile: a multi-stage build is expected (build, then runtime)');
for (const [, image] of froms)
  if (!/:[\w.-]+/.test(image!) || /:latest$/.test(image!))
    problems.push(`Dockerfile: pin ${image} to a version`);
const user = [...dockerfile.matchAll(/^USER\s+(\S+)/gim)].at(-1)?.[1];
if (!user || user === 'root' || user === '0')
  problems.push('Dockerfile: the runtime stage must switch to a non-root USER');
if (!/^HEALTHCHECK\s/m.test(dockerfile)) problems.push('Dockerfile: a HEALTHCHECK is expected');
if (!/dist\/src\/main\.js/.test(dockerfile))
  problems.push('Dockerfile: the image must run the compiled build (dist/src/main.js)');
if (!/chromium/.test(dockerfile) || !/fonts-noto-cjk/.test(dockerfile))
  problems.push('Dockerfile: Chromium and CJK fonts are needed for PDF reports');
if (/npm install(?! -g)/.test(dockerfile))
  problems.push('Dockerfile: use npm ci (the lockfile), not npm install');

if (problems.length) {
  console.log(`manifests: ${problems.length} problems\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(
  `manifests: ${[...kinds].sort().join(', ')} match the Kubernetes schemas; Dockerfile structure ok`,
);
