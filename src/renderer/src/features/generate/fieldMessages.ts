import type { JobRequest } from '../../../../shared/ipc/schemas/jobs.ts';
import { blockingIssues, checkJobRequest, type ConstraintIssue } from '../../../../shared/modelConstraints.ts';
import type { ModelInfo } from '../../../../shared/models.ts';
import type { BuiltRequest } from './buildRequest.ts';

/** One note under a field, as a catalog key: the shared check's messages are English, the UI speaks the user's language. */
export interface FieldMessage {
  field: string;
  key: string;
  params: Record<string, string | number>;
  severity: 'error' | 'warning';
}

/** The field's value as sent, for messages that name it ("not 5:4"). */
const sentValue = (request: JobRequest, field: string): string => {
  const v = (request as Record<string, unknown>)[field];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
};

const translate = (issue: ConstraintIssue, request: JobRequest, model: ModelInfo): Omit<FieldMessage, 'field' | 'severity'> | null => {
  const { field, severity } = issue;
  const name = model.name;
  switch (field) {
    // The model picker and the prompt box already say these in their own words.
    case 'model':
    case 'prompt':
      return null;
    case 'negativePrompt':
      return severity === 'error'
        ? { key: 'constraints.tooLong', params: { max: model.constraints.promptCharacterLimit } }
        : { key: 'constraints.negativeIgnored', params: { name } };
    case 'width':
    case 'height':
      return model.sizing === 'pixels'
        ? { key: 'constraints.divisor', params: { divisor: model.constraints.widthHeightDivisor } }
        : { key: 'constraints.noPixelSize', params: { name } };
    case 'steps':
      return severity === 'error'
        ? { key: 'constraints.stepsMax', params: { max: model.constraints.steps.max } }
        : { key: 'constraints.stepsIgnored', params: { name } };
    case 'aspectRatio':
    case 'resolution':
    case 'quality':
      return { key: 'constraints.notOffered', params: { name, value: sentValue(request, field) } };
    case 'styleReferences':
      if (severity === 'warning') return { key: 'constraints.referenceStrengthIgnored', params: { name } };
      return model.styleReferences ? { key: 'constraints.referencesMax', params: { name, count: model.styleReferences.max } } : { key: 'constraints.referencesNone', params: { name } };
    default:
      return { key: 'constraints.invalid', params: { name } };
  }
};

export interface CheckedRequest {
  messages: FieldMessage[];
  /** True when main would refuse the request (or the form cannot even build it). */
  blocked: boolean;
}

/** Parse problems and the shared per-model check, as translated notes per field. */
export const checkBuilt = (built: BuiltRequest): CheckedRequest => {
  const issues = checkJobRequest(built.request, built.model);
  const parsed: FieldMessage[] = built.problems.map((p) => ({ field: p.field, key: p.key, params: p.params ?? {}, severity: 'error' }));
  const model = built.model;
  const checked: FieldMessage[] = model
    ? issues.flatMap((issue) => {
        const m = translate(issue, built.request, model);
        return m ? [{ ...m, field: issue.field, severity: issue.severity }] : [];
      })
    : [];
  return { messages: [...parsed, ...checked], blocked: parsed.length > 0 || blockingIssues(issues).length > 0 };
};

export const messagesFor = (messages: readonly FieldMessage[], field: string): FieldMessage[] => messages.filter((m) => m.field === field);
