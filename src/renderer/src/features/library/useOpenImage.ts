import { useEffect, useMemo, useState } from 'react';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import { call, subscribe } from '../../api.ts';
import type { GridSelection } from './useGridSelection.ts';

export interface OpenImage {
  /** The image in the viewer, as the list has it; undefined when the viewer is closed. */
  item: ImageSummary | undefined;
  /** Its place in the results; -1 for an image opened from outside them (a family member in the trash, filtered away). */
  index: number;
  open: (id: string) => void;
  /** The pinned left-hand image of a comparison. */
  compareWith: ImageSummary | null;
  startCompare: (pinned: ImageSummary | null) => void;
  compareSelected: (selected: readonly ImageSummary[]) => void;
  /** The viewer closed: the grid lands on the last image viewed. */
  onClosed: () => void;
  /** What the grid should bring into view after the viewer closed. */
  reveal: { index: number } | null;
}

/** Which image the viewer shows, what it is compared with, and where the grid lands when it closes. */
export const useOpenImage = (items: readonly ImageSummary[], grid: GridSelection): OpenImage => {
  const [openId, setOpenId] = useState<string | null>(null);
  const [compareWith, setCompareWith] = useState<ImageSummary | null>(null);
  const [reveal, setReveal] = useState<{ index: number } | null>(null);
  /** An image opened although it is not in the results (the family tree and "Made from" lead anywhere in the family). */
  const [outside, setOutside] = useState<ImageSummary | null>(null);
  const index = useMemo(() => (openId === null ? -1 : items.findIndex((i) => i.id === openId)), [items, openId]);
  // If the open image leaves the results (trashed elsewhere, filtered away), the viewer simply is not there, unless
  // it was opened from outside them.
  const item = index >= 0 ? items[index] : outside?.id === openId ? outside : undefined;

  // No list keeps an image from outside the results current: its own record is asked again when it changes (a
  // rating, a restore), and the viewer closes if it is deleted for good.
  const outsideId = outside?.id ?? null;
  useEffect(() => {
    if (outsideId === null) return;
    return subscribe('images.changed', (change) => {
      if (!change.ids.includes(outsideId)) return;
      call('images.get', { id: outsideId }).then(setOutside, () => setOutside(null));
    });
  }, [outsideId]);

  const open = (id: string) => {
    if (items.some((i) => i.id === id)) {
      setOutside(null);
      setOpenId(id);
      return;
    }
    // Switched only once its record is here, so the viewer never closes in between.
    call('images.get', { id }).then(
      (image) => {
        setOutside(image);
        setOpenId(id);
      },
      () => {},
    );
  };

  const startCompare = (pinned: ImageSummary | null) => {
    setCompareWith(pinned);
    // Comparing an image with itself says nothing: the right-hand side moves on to its neighbour.
    if (pinned && pinned.id === openId) {
      const other = items[index + 1] ?? items[index - 1];
      if (other) setOpenId(other.id);
    }
  };

  const compareSelected = ([left, right]: readonly ImageSummary[]) => {
    if (left && right) {
      setCompareWith(left);
      setOpenId(right.id);
    }
  };

  const onClosed = () => {
    // Back in the grid on the last image viewed: selected, under the cursor, scrolled into view.
    setOpenId(null);
    setOutside(null);
    setCompareWith(null);
    if (index < 0) return;
    grid.moveCursor(index, false);
    setReveal({ index });
  };

  return { item, index, open, compareWith, startCompare, compareSelected, onClosed, reveal };
};
