// Where a failed request's message goes: next to the field it names, or at the top of the form.

import { toApiError } from '../api';

export class FormErrors {
  /** Messages by request field (camelCase, as the core names them). */
  fields: Record<string, string> = $state({});
  /** A message that belongs to no field of this form. */
  top = $state('');

  /**
   * `known` lists the request fields this form shows; an error naming another field (or none)
   * goes to the top. Returns the field that got the message, so the form can focus it.
   */
  show(reason: unknown, known: readonly string[]): string | null {
    const error = toApiError(reason);
    this.clear();
    if (error.field && known.includes(error.field)) {
      this.fields[error.field] = error.message;
      return error.field;
    }
    this.top = error.message;
    return null;
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
