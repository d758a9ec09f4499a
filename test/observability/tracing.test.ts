/** Optional tracing: a request's span with one child span per department call, through the DataLoader batches. */
import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { FULL_PROFILE } from '../helpers/queries.ts';
import { samples, startTestSandbox } from '../helpers/sandbox.ts';

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
let sb: Sandbox;
let gw: TestGateway;
let uscc: string;
beforeAll(async () => {
  provider.register();
  sb = await startTestSandbox();
  gw = await startTestGateway(sb);
  uscc = (await samples(sb)).dishonestDebtor![0]!;
});
afterAll(async () => {
  await gw.close();
  await sb.close();
  await provider.shutdown();
  trace.disable();
  context.disable();
});

describe('OpenTelemetry spans', () => {
  it('one server span per request, a client span per department call under it', async () => {
    exporter.reset();
    const { body } = await gw.query(FULL_PROFILE, { uscc });
    expect(body.errors).toBeUndefined();
    const spans = exporter.getFinishedSpans();
    const request = spans.filter((s) => s.name === 'graphql request');
    expect(request).toHaveLength(1);
    const calls = spans.filter((s) => s.attributes['cg.department']);
    // Every department route a full profile needs: 4 market, 1 tax, 1 environment, 3 court, 1 credit, one per declared department.
    expect(calls.map((s) => s.name).sort()).toEqual(
      [
        'COURT GET /court/api/dishonest',
        'COURT GET /court/api/enforced',
        'COURT GET /court/api/restrictions',
        'CREDIT GET /credit/v1/subjects/{uscc}',
        'ENVIRONMENT POST /ws/EnvCreditService',
        'MARKET GET /samr/v2/entities/{uscc}',
        'MARKET GET /samr/v2/entities/{uscc}/abnormal',
        'MARKET GET /samr/v2/entities/{uscc}/penalties',
        'MARKET GET /samr/v2/entities/{uscc}/serious-violations',
        'TAX POST /api/v1/nsxy/batch',
        // The declared departments: their records count in the profile's grade.
        'LICENSING GET /sgs/v1/licences',
        'SOCIAL_INSURANCE GET /hrss/api/units/{uscc}/arrears',
        'UTILITIES POST /utility/arrears/query',
      ].sort(),
    );
    for (const c of calls) {
      expect(c.spanContext().traceId).toBe(request[0]!.spanContext().traceId);
      expect(c.parentSpanContext?.spanId).toBe(request[0]!.spanContext().spanId);
    }
  });
});
