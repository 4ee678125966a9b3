import type { Database } from 'better-sqlite3';
import type { AccountStatus } from '../../../shared/ipc/schemas/catalog.ts';
import type { Job } from '../../../shared/ipc/schemas/jobs.ts';
import type { KeyVerification } from '../../../shared/ipc/schemas/settings.ts';
import type { EventBus } from '../events/eventBus.ts';
import type { AccountClient } from '../generation/venicePorts.ts';
import type { Connectivity } from '../queue/connectivity.ts';
import type { RateLimitSnapshot } from '../queue/rateGate.ts';
import type { SecretStore } from '../secrets/secretStore.ts';
import { spendSummary } from '../spend/spendLedger.ts';
import { readAccountInfo, readBalance, readKeyCheck, writeAccountInfo, writeBalance, writeKeyCheck } from './accountRecords.ts';
import { checkKey, type KeyCheckResult } from './keyCheck.ts';

/**
 * What the account panel shows: the balance Venice last reported (a response header, or the account call), the
 * spend ledger, Venice's rate limit as last reported, whether Venice is reachable, and what Venice said about the
 * key (verified or not, tier, expiry) — asked when the key is saved and at each start, before any image.
 */
export interface AccountService {
  status(): AccountStatus;
  /** Headers of a Venice answer: picks up the balance, marks an unverified key verified, announces. */
  observeResponse(headers: Record<string, string>): void;
  /** The queue started holding back (circuit breaker): announces the new status. */
  queuePaused(): void;
  /** Asks Venice whether it accepts `apiKey`; stores nothing. */
  checkKey(apiKey: string): Promise<KeyCheckResult>;
  /** A key was stored after `checkKey`: remembers what Venice said about it, and announces. */
  keyStored(apiKey: string, result: KeyCheckResult): void;
  keyCleared(): void;
  /** The recorded verification of the stored key (null: no key, or not known). */
  keyVerification(): KeyVerification | null;
  /** The account call with the stored key (at launch; when the network returns to an unverified key); never rejects. */
  refresh(): Promise<void>;
}

export interface AccountDeps {
  db: Database;
  events: EventBus;
  connectivity: Connectivity;
  client: AccountClient;
  secrets: SecretStore;
  rateLimit(): RateLimitSnapshot | null;
  queuePausedUntil(): number | null;
  now?: () => number;
  log?: (line: string) => void;
}

const amount = (raw: string | undefined): number | null => {
  if (raw === undefined || raw.trim() === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
};

const ENDED: ReadonlySet<Job['status']> = new Set(['done', 'failed', 'cancelled']);
/** Venice answered a generation with 401: the stored key stopped working (revoked, expired). */
const refusedKey = (job: Job): boolean =>
  job.error?.code === 'AUTH_REJECTED' && (job.error.details as { status?: unknown } | undefined)?.status === 401;
const last4 = (key: string): string => key.slice(-4);

/** The account panel's figures as stored now, with the queue's and the network's state. */
const readStatus = (deps: AccountDeps, at: number): AccountStatus => {
  const { db } = deps;
  const balance = readBalance(db);
  const spend = spendSummary(db, at);
  const info = readAccountInfo(db);
  return {
    balanceUsd: balance?.usd ?? null,
    balanceDiem: balance?.diem ?? null,
    balanceAt: balance?.at ?? null,
    spentTodayUsd: spend.today.chargedUsd,
    spend,
    verification: readKeyCheck(db)?.state ?? null,
    account: info && {
      tier: info.tier,
      tierCharged: info.tierCharged,
      expiresAt: info.keyExpiresAt,
      accessPermitted: info.accessPermitted,
      checkedAt: info.at,
    },
    rateLimit: deps.rateLimit(),
    online: deps.connectivity.online,
    queuePausedUntil: deps.queuePausedUntil(),
  };
};

/** `key` null: the stored key's verification changed (its last four digits are kept). */
const writeVerification = (db: Database, at: number, state: KeyVerification, key: string | null): void => {
  const known = readKeyCheck(db);
  writeKeyCheck(db, { state, last4: key === null ? (known?.last4 ?? null) : last4(key), at });
};

/** What Venice said of a key: the account (tier, expiry, balance) when it accepted it, and the verification. */
const recordKeyCheck = (db: Database, at: number, apiKey: string, result: KeyCheckResult): void => {
  if (result.state === 'verified') {
    writeAccountInfo(db, { ...result.info, at });
    if (result.info.balanceUsd !== null || result.info.balanceDiem !== null) {
      writeBalance(db, { usd: result.info.balanceUsd, diem: result.info.balanceDiem, at });
    }
  }
  writeVerification(db, at, result.state, apiKey);
};

export const createAccountService = (deps: AccountDeps): AccountService => {
  const { db } = deps;
  const now = deps.now ?? Date.now;

  const status = (): AccountStatus => readStatus(deps, now());
  const announce = (): void => {
    // A late answer (a catalogue refresh) may arrive after shutdown closed the database.
    if (db.open) deps.events.emit('account.changed', status());
  };
  const setVerification = (state: KeyVerification, key: string | null): void => writeVerification(db, now(), state, key);
  const record = (apiKey: string, result: KeyCheckResult): void => recordKeyCheck(db, now(), apiKey, result);
  const refresh = async (): Promise<void> => {
    try {
      const key = await deps.secrets.get();
      if (!key) return;
      const result = await checkKey(deps.client, key);
      if (!db.open) return;
      // Offline at launch says nothing new about a key already checked (unless it was replaced, e.g. by the CLI).
      const known = readKeyCheck(db);
      if (result.state === 'unverified' && known !== null && known.last4 === last4(key)) return;
      record(key, result);
      announce();
    } catch (error) {
      deps.log?.(`[account] the account check failed: ${error instanceof Error ? error.name : 'unknown error'}`);
    }
  };

  deps.connectivity.subscribe((online) => {
    announce();
    if (online && readKeyCheck(db)?.state === 'unverified') void refresh();
  });
  // Every job that ends may have changed the ledger; a 401 on a generation means the stored key stopped working.
  deps.events.subscribe((name, payload) => {
    if (name !== 'jobs.changed' || !db.open) return;
    const jobs = (payload as { jobs: Job[] }).jobs;
    if (jobs.some(refusedKey)) setVerification('rejected', null);
    if (jobs.some((job) => ENDED.has(job.status))) announce();
  });

  return {
    status,
    observeResponse(headers) {
      const usd = amount(headers['x-venice-balance-usd']);
      const diem = amount(headers['x-venice-balance-diem']);
      if (usd !== null || diem !== null) writeBalance(db, { usd, diem, at: now() });
      // Venice answered a request made with the stored key: the key works.
      if (readKeyCheck(db)?.state === 'unverified') setVerification('verified', null);
      announce();
    },
    queuePaused: announce,
    checkKey: (apiKey) => checkKey(deps.client, apiKey),
    keyStored(apiKey, result) {
      record(apiKey, result);
      announce();
    },
    keyCleared() {
      writeKeyCheck(db, null);
      writeAccountInfo(db, null);
      announce();
    },
    keyVerification: () => readKeyCheck(db)?.state ?? null,
    refresh,
  };
};
