import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useDebouncedCallback } from 'use-debounce';
import type { EventName } from '../../../shared/ipc/contract.ts';
import { subscribe } from '../api.ts';

/**
 * Asks `key` again after main announces `event`, once per burst (a bulk edit of 500 images asks main once), and at
 * least every few seconds while a long burst goes on (an import announces images for minutes).
 */
export const useInvalidateOn = (event: EventName, key: QueryKey, ms = 300): void => {
  const client = useQueryClient();
  const invalidateSoon = useDebouncedCallback(() => void client.invalidateQueries({ queryKey: key }), ms, { maxWait: 2000 });
  useEffect(() => subscribe(event, invalidateSoon), [event, invalidateSoon]);
};
