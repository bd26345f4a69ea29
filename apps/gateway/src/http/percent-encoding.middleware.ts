import type { NextFunction, Request, Response } from 'express';
import { ValidationFailed, type FieldError } from '@brobygger/contracts';

const decodes = (s: string): boolean => {
  try {
    decodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
};

/**
 * Bad percent-encoding in the URL, named. Express's router would answer a bare "Failed to decode param" that
 * names nothing (and outside our error filter); a query key is its own name, a path segment is named by its
 * position since the route that would name it has not matched yet.
 */
export function percentEncodingProblems(url: string): FieldError[] {
  const [path, query = ''] = url.split('?', 2) as [string, string?];
  const problems: FieldError[] = [];
  path.split('/').forEach((segment, i) => {
    if (!decodes(segment))
      problems.push({
        field: `path segment ${i}`,
        messages: [`path segment ${i} is not valid percent-encoding`],
      });
  });
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const [key, value = ''] = pair.split('=', 2) as [string, string?];
    const name = decodes(key) ? decodeURIComponent(key) : key;
    if (!decodes(key) || !decodes(value.replace(/\+/g, ' ')))
      problems.push({ field: name, messages: [`${name} is not valid percent-encoding`] });
  }
  return problems;
}

/** Runs before routing, so the answer has the same shape as every other 400 of ours. */
export function percentEncodingMiddleware() {
  return (req: Request, res: Response, next: NextFunction) => {
    const problems = percentEncodingProblems(req.originalUrl);
    if (problems.length === 0) return next();
    const err = new ValidationFailed(problems);
    res
      .status(err.status)
      .json({ statusCode: err.status, error: err.code, message: err.message, fields: err.fields });
  };
}
