import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../api.ts';

export interface PromptHistoryState {
  prompts: readonly string[];
  refresh: () => void;
}

const HISTORY_LIMIT = 30;

/** Recent prompts, newest first (main keeps them with the jobs, so they survive restarts). */
export const usePromptHistory = (): PromptHistoryState => {
  const [prompts, setPrompts] = useState<readonly string[]>([]);
  const generation = useRef(0);

  const refresh = useCallback(() => {
    const mine = ++generation.current;
    call('prompts.recent', { limit: HISTORY_LIMIT }).then(
      (answer) => mine === generation.current && setPrompts(answer.prompts.map((p) => p.prompt)),
      // A history that cannot be read is just empty; generating still works.
      () => undefined,
    );
  }, []);

  useEffect(() => {
    refresh();
    return () => {
      generation.current += 1;
    };
  }, [refresh]);

  return { prompts, refresh };
};
