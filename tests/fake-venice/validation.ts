/**
 * A tiny declarative validator that answers the way Venice's Zod 3 schemas do: `DetailedError` bodies carry
 * Zod's `format()` tree (`{_errors:[...], field:{_errors:[...]}}`) plus the raw issue list, and the messages
 * use Zod 3 wording ("Unrecognized key(s) in object: 'x'"). The fake writes its own rules from the API notes
 * instead of reusing Lagoon's zod schemas, so a mistake in Lagoon's schema cannot hide behind the fake.
 */
type IssuePath = Array<string | number>;
export interface Issue {
  code: string;
  path: IssuePath;
  message: string;
  [extra: string]: unknown;
}

interface Common {
  required?: boolean;
  nullable?: boolean;
}
type FieldRule = Common &
  (
    | { kind: 'string'; min?: number; max?: number }
    | { kind: 'enum'; values: readonly string[] }
    | { kind: 'int'; min?: number; gt?: number; max?: number }
    | { kind: 'number'; min?: number; gt?: number; max?: number }
    | { kind: 'boolean' }
    | { kind: 'array' }
  );
export type Rules = Record<string, FieldRule>;

const receivedType = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'nan';
  return typeof value;
};

/** Venice counts prompt characters as Unicode code points (Lagoon's shared `promptLength` assumes the same). */
const charCount = (s: string): number => [...s].length;

const typeIssue = (path: IssuePath, expected: string, value: unknown): Issue => {
  const received = receivedType(value);
  const message = received === 'undefined' ? 'Required' : `Expected ${expected}, received ${received}`;
  return { code: 'invalid_type', expected, received, path, message };
};

const boundIssues = (path: IssuePath, n: number, rule: { min?: number; gt?: number; max?: number }, type: 'string' | 'number'): Issue[] => {
  const issues: Issue[] = [];
  const unit = type === 'string' ? ' character(s)' : '';
  if (rule.gt !== undefined && n <= rule.gt) {
    const message = `Number must be greater than ${rule.gt}`;
    issues.push({ code: 'too_small', minimum: rule.gt, type, inclusive: false, exact: false, path, message });
  }
  if (rule.min !== undefined && n < rule.min) {
    const message =
      type === 'string' ? `String must contain at least ${rule.min}${unit}` : `Number must be greater than or equal to ${rule.min}`;
    issues.push({ code: 'too_small', minimum: rule.min, type, inclusive: true, exact: false, path, message });
  }
  if (rule.max !== undefined && n > rule.max) {
    const message =
      type === 'string' ? `String must contain at most ${rule.max}${unit}` : `Number must be less than or equal to ${rule.max}`;
    issues.push({ code: 'too_big', maximum: rule.max, type, inclusive: true, exact: false, path, message });
  }
  return issues;
};

const checkField = (path: IssuePath, value: unknown, rule: FieldRule): Issue[] => {
  if (value === undefined) return rule.required ? [typeIssue(path, rule.kind === 'int' ? 'number' : rule.kind, value)] : [];
  if (value === null && rule.nullable) return [];
  switch (rule.kind) {
    case 'string':
      return typeof value === 'string' ? boundIssues(path, charCount(value), rule, 'string') : [typeIssue(path, 'string', value)];
    case 'enum': {
      const expected = rule.values.map((v) => `'${v}'`).join(' | ');
      if (typeof value !== 'string') return [typeIssue(path, expected, value)];
      if (rule.values.includes(value)) return [];
      const message = `Invalid enum value. Expected ${expected}, received '${value}'`;
      return [{ code: 'invalid_enum_value', options: [...rule.values], received: value, path, message }];
    }
    case 'int':
    case 'number':
      if (typeof value !== 'number' || Number.isNaN(value)) return [typeIssue(path, 'number', value)];
      if (rule.kind === 'int' && !Number.isInteger(value)) {
        return [{ code: 'invalid_type', expected: 'integer', received: 'float', path, message: 'Expected integer, received float' }];
      }
      return boundIssues(path, value, rule, 'number');
    case 'boolean':
      return typeof value === 'boolean' ? [] : [typeIssue(path, 'boolean', value)];
    case 'array':
      return Array.isArray(value) ? [] : [typeIssue(path, 'array', value)];
  }
};

/** Checks a closed object: every rule, then any key no rule names (Zod's `.strict()`). */
export const validateClosedObject = (body: unknown, rules: Rules): Issue[] => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [typeIssue([], 'object', body)];
  const record = body as Record<string, unknown>;
  const issues = Object.entries(rules).flatMap(([key, rule]) => checkField([key], record[key], rule));
  const unknown = Object.keys(record).filter((key) => !Object.hasOwn(rules, key));
  if (unknown.length > 0) {
    const message = `Unrecognized key(s) in object: ${unknown.map((k) => `'${k}'`).join(', ')}`;
    issues.push({ code: 'unrecognized_keys', keys: unknown, path: [], message });
  }
  return issues;
};

interface FormatNode {
  _errors: string[];
  [key: string]: unknown;
}

/** Zod 3's `error.format()`: messages hang off the node their path leads to; the root holds object-level ones. */
const formatIssues = (issues: readonly Issue[]): FormatNode => {
  const root: FormatNode = { _errors: [] };
  for (const issue of issues) {
    let node = root;
    for (const key of issue.path) {
      const name = String(key);
      const child = (node[name] as FormatNode | undefined) ?? { _errors: [] };
      node[name] = child;
      node = child;
    }
    // oxlint-disable-next-line no-underscore-dangle -- `_errors` is Zod's own key, reproduced on purpose
    node._errors.push(issue.message);
  }
  return root;
};

export const detailedErrorBody = (issues: readonly Issue[]): { error: string; details: FormatNode; issues: Issue[] } => ({
  error: 'Invalid request parameters',
  details: formatIssues(issues),
  issues: [...issues],
});
