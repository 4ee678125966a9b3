import { useEffect, useState } from 'react';
import type { EventName, EventPayload, RouteInput, RouteName, RouteOutput } from '../../../shared/ipc/contract.ts';
import { call, subscribe } from '../api.ts';

/** Routes that take no input and answer with what `event` pushes: a state main owns and announces. */
type StateRoute<E extends EventName> = {
  [R in RouteName]: Record<string, never> extends RouteInput<R> ? (RouteOutput<R> extends EventPayload<E> ? (EventPayload<E> extends RouteOutput<R> ? R : never) : never) : never;
}[RouteName];

/**
 * A state main owns: asked once with `route`, then kept current by `event`; null until main first answers (and
 * after a failed first answer: nothing is better than a wrong value).
 */
export const useMainState = <E extends EventName>(route: StateRoute<E>, event: E): EventPayload<E> | null => {
  const [state, setState] = useState<EventPayload<E> | null>(null);
  useEffect(() => {
    let live = true;
    // Subscribe first: a change pushed while the first answer is on its way must not be lost behind it.
    let pushed = false;
    const unsubscribe = subscribe(event, (next) => {
      pushed = true;
      setState(next);
    });
    // StateRoute admits only routes whose input may be empty.
    call(route, {} as RouteInput<typeof route>).then(
      (first) => live && !pushed && setState(first as EventPayload<E>),
      () => undefined,
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [route, event]);
  return state;
};
