// Where a failed request's message goes: next to the field it names, or at the top of the form.

import { toApiError, type ApiError, type FieldProblem } from '../api';

export class FormErrors {
  /** Messages by request field (camelCase, as the core names them). */
  fields: Record<string, string> = $state({});
  /** A message that belongs to no field of this form. */
  top = $state('');

  /**
   * `known` lists the request fields this form shows; each problem the core names goes under
   * its field (all of them at once when it lists several), one naming another field (or none)
   * goes to the top. Returns the first field that got a message, so the form can focus it.
   */
  show(reason: unknown, known: readonly string[]): string | null {
    const error = toApiError(reason);
    this.clear();
    const problems = error.problems ?? [{ field: error.field ?? '', message: error.message }];
    const fields: Record<string, string> = {};
    const top: string[] = [];
    for (const problem of problems) {
      if (known.includes(problem.field)) fields[problem.field] ??= problem.message;
      else top.push(problem.message);
    }
    this.fields = fields;
    this.top = top.join(' ');
    return problems.find((problem) => problem.field in fields)?.field ?? null;
  }

  set(field: string, message: string): void {
    this.fields[field] = message;
  }

  clear(): void {
    this.fields = {};
    this.top = '';
  }

  clearField(field: string): void {
    if (field in this.fields) {
      const rest = { ...this.fields };
      delete rest[field];
      this.fields = rest;
    }
  }

  get any(): boolean {
    return this.top !== '' || Object.keys(this.fields).length > 0;
  }

  /** The id of the element showing `field`'s message, for aria-describedby (or undefined). */
  describedBy(
    prefix: string,
    field: string,
    ...others: Array<string | undefined>
  ): string | undefined {
    const ids = [this.fields[field] ? errorId(prefix, field) : undefined, ...others].filter(
      Boolean,
    );
    return ids.length ? ids.join(' ') : undefined;
  }
}

/** The id of a field's error element inside the form with id prefix `prefix`. */
export function errorId(prefix: string, field: string): string {
  return `${prefix}-${field}-error`;
}

/**
 * The core's refusal together with the form's own problems: text the form could not read as a
 * number is sent as an out-of-range stand-in, so the core still checks (and names) every other
 * field, and the form's clearer sentence replaces the core's for that field.
 */
export function withOwnProblems(reason: unknown, own: readonly FieldProblem[]): ApiError {
  const error = toApiError(reason);
  if (own.length === 0) return error;
  const core = error.problems ?? [{ field: error.field ?? '', message: error.message }];
  const problems = [...own, ...core.filter((p) => !own.some((o) => o.field === p.field))];
  const first = problems[0]!;
  return { code: 'validation', field: first.field, message: first.message, problems };
}
