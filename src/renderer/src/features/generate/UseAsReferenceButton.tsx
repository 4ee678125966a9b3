import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api.ts';
import { sendToReferences } from './referenceInbox.ts';

/** Whether any model of the cached catalogue takes reference images (none of Venice's did in 2026-08). */
const useReferencesOffered = (): boolean => {
  const [offered, setOffered] = useState(false);
  useEffect(() => {
    let live = true;
    call('models.list', {}).then(
      (catalog) => live && setOffered(catalog.models.some((m) => m.styleReferences)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return offered;
};

/** The viewer's "Use as reference": offered only while some model takes reference images. */
export function UseAsReferenceButton({ imageId, disabled }: { imageId: string; disabled: boolean }) {
  const { t } = useTranslation();
  const offered = useReferencesOffered();
  if (!offered) return null;
  return (
    <button
      type="button"
      className="button button--small"
      data-testid="viewer-use-reference"
      title={t('viewer.useAsReferenceHint')}
      disabled={disabled}
      onClick={() => sendToReferences([imageId])}
    >
      {t('viewer.useAsReference')}
    </button>
  );
}
