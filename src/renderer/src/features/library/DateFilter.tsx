import { type CalendarDate, parseDate } from '@internationalized/date';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
  DateInput,
  DatePicker,
  DateSegment,
  Dialog,
  Group,
  Heading,
  I18nProvider,
  Label,
  Popover,
} from 'react-aria-components';
import { OVERLAY_ATTRIBUTE } from '../../shortcuts/rule.ts';

interface Props {
  testId: string;
  label: string;
  /** YYYY-MM-DD, or '' for no limit (the query's own form). */
  value: string;
  onChange: (value: string) => void;
  /** The other end of the range, so "from" is never after "to". */
  min?: string;
  max?: string;
}

/**
 * react-aria adds a <style id="react-aria-pressable-style"> the first time a pressable mounts (touch-action, for
 * double-tap zoom on touch screens). Our CSP (style-src 'self') refuses inline styles, and widening it for a library
 * is not worth it: react-aria skips its injection when an element with that id exists, so an empty marker goes in
 * first. The rule itself is in dateFilter.css. Should react-aria rename the id, the refused style shows as a CSP
 * error in the page console, which fails every e2e test that opens the filters.
 */
const PRESSABLE_STYLE_ID = 'react-aria-pressable-style';
if (!document.getElementById(PRESSABLE_STYLE_ID)) {
  const marker = document.createElement('meta');
  marker.id = PRESSABLE_STYLE_ID;
  document.head.append(marker);
}

const toDate = (s: string | undefined): CalendarDate | null => {
  if (!s) return null;
  try {
    return parseDate(s);
  } catch {
    return null;
  }
};

/**
 * A date of the filters, shown and typed in the UI's language (31.12.2026 in German, 12/31/2026 in English) with a
 * calendar beside it. The native date field follows the OS's locale instead, whatever language Lagoon speaks, which
 * is why this one comes from a library made for localised dates (react-aria) rather than from the browser.
 */
export function DateFilter({ testId, label, value, onChange, min, max }: Props) {
  const { i18n } = useTranslation();
  const overlay = { [OVERLAY_ATTRIBUTE]: '' };
  return (
    <I18nProvider locale={i18n.language}>
      <DatePicker
        className="filters__field date-filter"
        value={toDate(value)}
        minValue={toDate(min) ?? undefined}
        maxValue={toDate(max) ?? undefined}
        onChange={(date) => onChange(date ? date.toString() : '')}
        granularity="day"
        // 01.01.2020 as German forms write it, matching the tt.mm.jjjj the empty field shows.
        shouldForceLeadingZeros
      >
        <Label className="field__label">{label}</Label>
        <Group className="date-filter__field" data-testid={testId}>
          <DateInput className="date-filter__input">{(segment) => <DateSegment segment={segment} className="date-filter__segment" />}</DateInput>
          {/* react-aria names this button and the month arrows itself, in the locale given above. */}
          <Button className="tool-button date-filter__open">
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <rect x="4" y="5.5" width="16" height="14" rx="2" />
              <path d="M4 10h16M8.5 3.5v4M15.5 3.5v4" />
            </svg>
          </Button>
        </Group>
        {/* Marked as an overlay, so the library's single-key shortcuts stay off while the calendar is open. */}
        <Popover className="raised-panel date-filter__popover" placement="bottom start" {...overlay}>
          <Dialog className="date-filter__dialog" aria-label={label}>
            <Calendar className="date-filter__calendar">
              <header className="date-filter__month">
                <Button slot="previous" className="icon-button icon-button--small">
                  ‹
                </Button>
                <Heading className="date-filter__heading" />
                <Button slot="next" className="icon-button icon-button--small">
                  ›
                </Button>
              </header>
              <CalendarGrid className="date-filter__grid">{(date) => <CalendarCell date={date} className="date-filter__day" />}</CalendarGrid>
            </Calendar>
          </Dialog>
        </Popover>
      </DatePicker>
    </I18nProvider>
  );
}
