/**
 * Optional OpenTelemetry tracing: a server span per GraphQL request and a client span per
 * department call under it (AsyncLocalStorage carries the context through DataLoader batches).
 * The API alone: a no-op until startTracing registers a provider (OTEL_EXPORTER_OTLP_ENDPOINT).
 */
import { trace, SpanKind, SpanStatusCode, type Attributes, type Span, type Tracer } from '@opentelemetry/api';

/** The gateway's tracer (the global provider's, or a no-op). */
export function tracer(): Tracer {
  return trace.getTracer('credit-gateway');
}

/** Runs `fn` in a new active span; the span ends with the promise, marked as an error when it rejects. */
export function inSpan<T>(
  name: string,
  kind: 'server' | 'client',
  attributes: Attributes,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(
    name,
    { kind: kind === 'server' ? SpanKind.SERVER : SpanKind.CLIENT, attributes },
    async (span) => {
      try {
        return await fn(span);
      } catch (err) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'error' });
        throw err;
      } finally {
        span.end();
      }
    },
  );
}
