import type { Database } from 'better-sqlite3';
import type { Job, JobRequest } from '../../../shared/ipc/schemas/jobs.ts';
import type { ConstraintIssue } from '../../../shared/modelConstraints.ts';
import type { EventBus } from '../events/eventBus.ts';
import type { Clock } from './clock.ts';
import type { Connectivity } from './connectivity.ts';
import type { RunnerDeps } from './jobRunner.ts';
import type { Ownership, OwnerKind } from './ownership.ts';
import type { RateLimitSnapshot } from './rateGate.ts';
import type { ThrottleOptions } from './throttle.ts';

/** What the generation queue offers and needs; generationQueue.ts implements it. */
export interface QueueOptions extends ThrottleOptions {
  /** Jobs sent at once; default 2. */
  concurrency?: number;
  /**
   * 'app' (default): at start, recover what an earlier app process left and run its queued jobs; hold what a gone
   * `lagoon` command left as 'interrupted' for the user. 'cli': run only what this process queued, touch nothing else.
   */
  owner?: OwnerKind;
  /** How often to probe Venice while offline; default 15 s. */
  probeIntervalMs?: number;
}

export interface QueueDeps extends RunnerDeps {
  db: Database;
  events: EventBus;
  connectivity: Connectivity;
  /** Per-model checks of a request against the cached catalogue. */
  check(request: JobRequest): ConstraintIssue[];
  /** A cheap request to Venice that resolves once it is reachable (GET /models?type=image). */
  probe(): Promise<void>;
  /** Venice's headers of every answer (balance, rate limit). */
  onResponse?(headers: Record<string, string>): void;
  /** The circuit breaker has just started holding the queue back (the UI says so). */
  onPaused?(): void;
  /** Images were stored (today's spend changed). */
  onImagesStored?(ids: string[]): void;
  clock?: Clock;
  ownership?: Ownership;
  newId?: () => string;
  log?: (line: string) => void;
}

export interface GenerationQueue {
  /** Jobs this queue sends at once. */
  readonly concurrency: number;
  /** Recovers what a crash or quit left behind, then starts sending. */
  start(): void;
  /** Inserts the jobs (queued) in one transaction and returns them; refuses all if any fails the model checks. */
  enqueue(requests: readonly JobRequest[]): Job[];
  list(limit?: number): Job[];
  get(id: string): Job | null;
  /** A pending job is cancelled at once; a running one is aborted and resolves when it has stopped. */
  cancel(id: string): Promise<Job>;
  /** Cancels every pending job and aborts every running one; returns how many. */
  cancelAll(): number;
  /** A new job with the same request; only for failed, blocked or cancelled jobs, and only when the user asks. */
  retry(id: string): Job;
  /** The user's Run for a job left by an interrupted command: it joins this queue. */
  runInterrupted(id: string): Job;
  /** The user's Discard for a job left by an interrupted command: cancelled, never sent. */
  discardInterrupted(id: string): Job;
  /** Resolves once the job is finished or waiting for the network. */
  settled(id: string): Promise<Job>;
  rateLimit(): RateLimitSnapshot | null;
  /** Until when the queue holds back after several failures in a row (see throttle.ts), or null. */
  pausedUntil(): number | null;
  /** Distinct prompts of all jobs, most recently used first. */
  recentPrompts(limit: number): Array<{ prompt: string; lastUsedAt: number }>;
  /**
   * Stops scheduling, aborts running jobs and waits (at most `graceMs`, default 2 s) for the client to say whether each
   * request had left, so a job that was never sent simply runs at the next start. Then close().
   */
  shutdown(graceMs?: number): Promise<void>;
  /** The synchronous fallback: aborts running jobs without waiting (see stopOnClose) and stops scheduling. */
  close(): void;
}
