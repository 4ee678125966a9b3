import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { EventName } from '../../../shared/ipc/contract.ts';
import { subscribe } from '../api.ts';
import { useDebouncedCallback } from './useDebouncedCallback.ts';

/** Asks `key` again after main announces `event`, once per burst (a bulk edit of 500 images asks main once). */
export const useInvalidateOn = (event: EventName, key: QueryKey, ms = 300): void => {
  const client = useQueryClient();
  const invalidateSoon = useDebouncedCallback(() => void client.invalidateQueries({ queryKey: key }), ms);
  useEffect(() => subscribe(event, invalidateSoon), [event, invalidateSoon]);
};
