import { useEffect, useRef } from 'react';
import { START_VIEWS, type StartView } from '../../../shared/startViews.ts';
import { call } from '../api.ts';
import type { View } from './views.ts';

const isStartView = (view: View): view is StartView => (START_VIEWS as readonly string[]).includes(view);

/**
 * Tells main which of Generate and Library the user is in, so the next launch opens there (someone who works in a big
 * library sees it first, without a click). Settings is a detour: it does not change where the window opens. Only a
 * change is stored; if it cannot be, the window simply opens on the previous choice next time.
 */
export const useRememberedView = (view: View, startView: StartView): void => {
  const stored = useRef<StartView>(startView);
  useEffect(() => {
    if (!isStartView(view) || view === stored.current) return;
    stored.current = view;
    call('settings.set_start_view', { view }).catch(() => {});
  }, [view]);
};
