/**
 * Helpers for reading configuration from an environment map. Every problem is collected, so
 * one start-up error lists them all (never exit on the first problem, never call process.exit).
 *
 * Every variable may also come from a file, as mounted secrets do: `<NAME>_FILE` names
 * the file, read once, its trailing newline dropped; the variable itself wins when both are set.
 */
import { readFileSync } from 'node:fs';

/** The configuration cannot be used; `problems` lists every one, each naming its variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** A variable as the reader saw it: its default (null: none) and what it accepts. */
export interface VariableRead {
  default: string | null;
  accepts: string;
}

/** Reads typed values from an env map, collecting problems instead of throwing. */
export class EnvReader {
  readonly problems: string[] = [];
  /**
   * Every variable read, with its default and what it accepts, in the order read: the defaults'
   * one home, printed by `npm run config:check -- --doc` into docs/configuration.md.
   */
  readonly read = new Map<string, VariableRead>();
  constructor(private readonly env: Readonly<Record<string, string | undefined>>) {}

  /** Notes a variable read (a typed read's note replaces the plain string read it made). */
  private note(name: string, fallback: unknown, accepts: string): void {
    this.read.set(name, { default: fallback === undefined ? null : String(fallback), accepts });
  }

  /** A string, or the default when unset or empty. */
  string(name: string, fallback: string): string;
  string(name: string, fallback?: undefined): string | undefined;
  string(name: string, fallback?: string): string | undefined {
    if (!this.read.has(name)) this.note(name, fallback, 'text');
    const v = this.env[name] ?? this.fromFile(name);
    return v === undefined || v === '' ? fallback : v;
  }

  private readonly files = new Map<string, string | undefined>();

  /** `<NAME>_FILE`'s content, or undefined (unset, or unreadable: a problem is noted). */
  private fromFile(name: string): string | undefined {
    const path = this.env[`${name}_FILE`];
    if (!path || name.endsWith('_FILE')) return undefined;
    if (!this.files.has(name)) {
      let text: string | undefined;
      try {
        text = readFileSync(path, 'utf8').replace(/\r?\n$/, '');
      } catch {
        this.problems.push(`${name}_FILE ${path} cannot be read`);
      }
      this.files.set(name, text);
    }
    return this.files.get(name);
  }

  /** An integer within [min, max]. */
  int(name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const raw = this.string(name);
    this.note(
      name,
      fallback,
      max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer ${min}–${max}`,
    );
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  }

  /**
   * An integer within [min, max] when set, else undefined: an override of a default kept elsewhere
   * (`inEffect`, noted as the variable's default).
   */
  override(name: string, inEffect: number, min: number, max: number): number | undefined {
    return this.string(name) === undefined
      ? (this.int(name, inEffect, min, max), undefined)
      : this.int(name, inEffect, min, max);
  }

  /** A boolean written true/false/1/0. */
  bool(name: string, fallback: boolean): boolean {
    const raw = this.string(name);
    this.note(name, fallback, 'true or false');
    if (raw === undefined) return fallback;
    if (/^(true|1|yes)$/i.test(raw)) return true;
    if (/^(false|0|no)$/i.test(raw)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  /** One of a fixed set of values. */
  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T {
    const raw = this.string(name);
    this.note(name, fallback, values.join(' or '));
    if (raw === undefined) return fallback;
    if ((values as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${values.join(', ')} (got "${raw}")`);
    return fallback;
  }

  /** An http(s) URL. */
  url(name: string, fallback?: string): string | undefined {
    const raw = this.string(name) ?? fallback;
    this.note(name, fallback, 'a URL');
    if (raw === undefined) return undefined;
    try {
      const u = new URL(raw);
      if (!/^(https?|rediss?):$/.test(u.protocol)) throw new Error('protocol');
      return raw.replace(/\/$/, '');
    } catch {
      this.problems.push(`${name} must be a URL (got "${raw}")`);
      return fallback;
    }
  }

  /** Throws `ConfigError` when anything was wrong. */
  done(): void {
    if (this.problems.length) throw new ConfigError(this.problems);
  }
}
