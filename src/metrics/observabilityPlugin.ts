/** Per-request metrics and one structured log line per request (request id; never personal data). */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { GatewayContext } from '../context.ts';
import type { GatewayMetrics } from './metrics.ts';

/** The plugin. */
export function createObservabilityPlugin(
  metrics: GatewayMetrics,
  logger: Logger,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ contextValue, operationName, response, errors }) {
          const seconds = (performance.now() - started) / 1000;
          const body = response.body.kind === 'single' ? response.body.singleResult : null;
          const codes = (body?.errors ?? errors ?? []).map((e) =>
            String((e.extensions as { code?: string } | undefined)?.code ?? 'INTERNAL_SERVER_ERROR'),
          );
          for (const c of codes) metrics.errors.inc({ code: c });
          const outcome = codes.length === 0 ? 'ok' : body?.data ? 'partial' : 'error';
          metrics.requestDuration.observe(
            { operation: metrics.operationLabel(operationName), outcome },
            seconds,
          );
          logger.info(
            {
              requestId: contextValue.requestId,
              operation: operationName ?? null,
              role: contextValue.principal.role,
              org: contextValue.principal.org,
              status: response.http.status ?? 200,
              ms: Math.round(seconds * 1000),
              errors: codes,
            },
            'graphql request',
          );
        },
      };
    },
  };
}
