/** Money as the user's locale writes it. Image prices are cents or fractions of a cent, so up to 4 decimals show. */
export const formatUsd = (amount: number, locale: string): string =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(amount);

/** DIEM is Venice's own unit, not an ISO currency: a plain number. */
export const formatDiem = (amount: number, locale: string): string =>
  new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);

/** An account balance: cents are enough, and more digits would look like noise. */
export const formatBalanceUsd = (amount: number, locale: string): string =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);

/** A count as the user's locale writes it (10,000 / 10.000): the `formatted` beside i18next's plural `count`. */
export const formatCount = (n: number, locale: string): string => new Intl.NumberFormat(locale).format(n);
