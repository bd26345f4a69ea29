import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { RAW_TEXT_FIELDS, ValidationFailed, type FieldError } from '@brobygger/contracts';

/** class-validator's nested errors as one flat list of dotted field paths (`skills.0.level`). */
export function fieldErrorsOf(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own: FieldError[] = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...fieldErrorsOf(e.children ?? [], field)];
  });
}

/** Far deeper than any contract nests; class-transformer recurses per level and overflows the stack near 10,000. */
export const MAX_INPUT_DEPTH = 32;

/** A UTF-16 surrogate without its pair (matched per code unit, so without the u flag). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Keys that name an object's prototype machinery rather than data: refused like any unknown field. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What no contract accepts anywhere, found before class-transformer sees the input: nesting deeper than
 * MAX_INPUT_DEPTH, prototype keys, and text PostgreSQL or the validators cannot take (a NUL byte; a lone UTF-16
 * surrogate, which makes the e-mail validator throw a URIError). Each problem names its dotted field path.
 * `rawText` are top-level fields holding a whole file, checked later line by line so one bad cell fails its line.
 */
export function unsafeInputProblems(value: unknown, rawText: readonly string[] = []): FieldError[] {
  const problems: FieldError[] = [];
  const walk = (v: unknown, path: string, depth: number): void => {
    const field = path || 'body';
    if (typeof v === 'string') {
      if (v.includes('\u0000'))
        problems.push({ field, messages: [`${field} must not contain a NUL character`] });
      else if (LONE_SURROGATE.test(v))
        problems.push({ field, messages: [`${field} must be valid Unicode text (it has a lone surrogate)`] });
      return;
    }
    if (v === null || typeof v !== 'object') return;
    if (depth > MAX_INPUT_DEPTH) {
      problems.push({ field, messages: [`${field} is nested deeper than ${MAX_INPUT_DEPTH} levels`] });
      return;
    }
    for (const key of Object.keys(v)) {
      const at = path ? `${path}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key))
        problems.push({ field: at, messages: [`property ${key} should not exist`] });
      else if (!(depth === 0 && rawText.includes(key)))
        walk((v as Record<string, unknown>)[key], at, depth + 1);
    }
  };
  walk(value, '', 0);
  return problems;
}

/** Unsafe input is refused before the standard pipe transforms it (that transformation is where it would crash). */
class EdgeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.metatype && this.toValidate(metadata)) {
      const rawText = (Reflect.getMetadata(RAW_TEXT_FIELDS, metadata.metatype) as string[] | undefined) ?? [];
      const problems = unsafeInputProblems(value, rawText);
      if (problems.length > 0) throw new ValidationFailed(problems);
    }
    return super.transform(value, metadata);
  }
}

/**
 * The one validation setup, for HTTP bodies and queries in the gateway and for RPC payloads in services:
 * unknown fields are refused, not silently dropped, and every bad field is named.
 */
export function createValidationPipe(): ValidationPipe {
  return new EdgeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validateCustomDecorators: true,
    exceptionFactory: (errors) => new ValidationFailed(fieldErrorsOf(errors)),
  });
}
