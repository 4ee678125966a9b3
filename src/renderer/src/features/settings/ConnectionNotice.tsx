import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connection } from '../../../../shared/ipc/schemas/connection.ts';
import { call } from '../../api.ts';

/**
 * Shown in Settings only when this Lagoon talks to a server other than Venice's own (a developer switch, or a
 * checkout's LAGOON_API_BASE_URL): the key travels to that server, so the user must be able to see where.
 */
export function ConnectionNotice() {
  const { t } = useTranslation();
  const [connection, setConnection] = useState<Connection | null>(null);

  useEffect(() => {
    // Nothing to show if it cannot be asked: the route only reads the configuration main started with.
    call('settings.get_connection', {}).then(setConnection, () => setConnection(null));
  }, []);

  if (!connection || connection.isDefault) return null;
  return (
    <section className="panel notice" data-testid="connection-notice" aria-labelledby="connection-title">
      <h2 id="connection-title" className="notice__title">
        {t('connection.title')}
      </h2>
      <p className="notice__body">
        {t('connection.body')} <code data-testid="connection-url">{connection.apiBaseUrl}</code>
      </p>
      <p className="notice__body">{t('connection.hint')}</p>
    </section>
  );
}
