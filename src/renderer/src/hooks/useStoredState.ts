import { useCallback, useState } from 'react';

/**
 * A UI preference kept in this window's localStorage (thumbnail size, export choices): not worth a route to main,
 * and losing it costs nothing. Storage can be unavailable (a private profile, a full quota): then it lives in memory.
 */
export const useStoredState = <T>(key: string, fallback: T, parse: (raw: unknown) => T | null): [T, (next: T) => void] => {
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = localStorage.getItem(key);
      return raw === null ? fallback : (parse(JSON.parse(raw)) ?? fallback);
    } catch {
      return fallback;
    }
  });
  const set = useCallback(
    (next: T) => {
      setValue(next);
      try {
        localStorage.setItem(key, JSON.stringify(next));
      } catch {
        // Kept for this session only.
      }
    },
    [key],
  );
  return [value, set];
};
