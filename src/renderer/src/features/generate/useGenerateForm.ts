import { useCallback, useEffect, useState } from 'react';
import type { Catalog } from '../../../../shared/ipc/schemas/catalog.ts';
import type { ImageDetail } from '../../../../shared/ipc/schemas/images.ts';
import type { ModelInfo } from '../../../../shared/models.ts';
import { adaptToModel } from './adaptToModel.ts';
import { findModel } from './buildRequest.ts';
import { type AdvancedValues, type FormMode, type FormState, type SimpleValues } from './formValues.ts';
import { formFromImage } from './reuseRequest.ts';
import { loadStoredForm, storeForm } from './storedForm.ts';

export interface GenerateFormState {
  form: FormState;
  setMode: (mode: FormMode) => void;
  setPrompt: (prompt: string) => void;
  setSimple: (values: SimpleValues) => void;
  /** A different model brings that model's defaults for whatever the old values do not fit. */
  setAdvanced: (values: AdvancedValues) => void;
  reuse: (image: ImageDetail) => void;
  /** Library images to use as references: added to the advanced panel's list, which is shown. */
  addReferences: (ids: readonly string[]) => void;
}

/** The request's bound on references; the model's own limit is checked with the other fields. */
const MAX_REFERENCES = 16;

/** The model the advanced panel starts on: Venice's default if it is serving, else the first model that is. */
const startingModel = (catalog: Catalog): ModelInfo | undefined => {
  const preferred = findModel(catalog.models, catalog.traits.default);
  return preferred && !preferred.offline ? preferred : catalog.models.find((m) => !m.offline);
};

export const useGenerateForm = (catalog: Catalog | null): GenerateFormState => {
  const [stored, setForm] = useState<FormState>(loadStoredForm);
  // Model, size, format, mode and the advanced values are what the user comes back to after a restart.
  useEffect(() => storeForm(stored), [stored]);

  // The advanced panel needs a model: until the user (or a reused request) chooses one, it shows the starting model
  // with that model's defaults; the first edit stores them.
  const starting = stored.advanced.model === '' && catalog ? startingModel(catalog) : undefined;
  const form = starting ? { ...stored, advanced: adaptToModel(stored.advanced, starting) } : stored;

  const setMode = useCallback((mode: FormMode) => setForm((f) => ({ ...f, mode })), []);
  const setPrompt = useCallback((prompt: string) => setForm((f) => ({ ...f, prompt })), []);
  const setSimple = useCallback((simple: SimpleValues) => setForm((f) => ({ ...f, simple })), []);

  const models = catalog?.models;
  const setAdvanced = useCallback(
    (values: AdvancedValues) =>
      setForm((f) => {
        const model = values.model !== f.advanced.model ? findModel(models ?? [], values.model) : undefined;
        return { ...f, advanced: model ? adaptToModel(values, model) : values };
      }),
    [models],
  );

  // Exactly the recorded request, not adapted: it is what Venice accepted for this image.
  const reuse = useCallback((image: ImageDetail) => setForm((f) => formFromImage(image, f)), []);

  const addReferences = useCallback(
    (ids: readonly string[]) =>
      setForm((f) => ({
        ...f,
        mode: 'advanced',
        advanced: { ...f.advanced, styleReferences: [...new Set([...f.advanced.styleReferences, ...ids])].slice(0, MAX_REFERENCES) },
      })),
    [],
  );

  return { form, setMode, setPrompt, setSimple, setAdvanced, reuse, addReferences };
};
