/** Registers the OpenTelemetry SDK with an OTLP/HTTP trace exporter (only when OTEL_EXPORTER_OTLP_ENDPOINT is set). */
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** Registers an OTLP/HTTP exporter as the global provider; returns how to flush and stop it. */
export function startTracing(endpoint: string, serviceName: string): { shutdown(): Promise<void> } {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: endpoint }))],
  });
  provider.register();
  return { shutdown: () => provider.shutdown() };
}
