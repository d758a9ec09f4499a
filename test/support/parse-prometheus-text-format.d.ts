/** The parser ships no types; the tests use it only to check the exposition format. */
declare module 'parse-prometheus-text-format' {
  export default function parsePrometheusTextFormat(
    text: string,
  ): Array<{ name: string; help: string; type: string; metrics: unknown[] }>;
}
