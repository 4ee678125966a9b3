import { BACKUP_NAME_RE } from '../shared/ipc/schemas/library.ts';
import { HELP_FLAG, invalid, JSON_FLAG, noPositionals, parse } from './argParsing.ts';

/** `lagoon backup list|create|restore NAME`: what the database backups command line asked for. */
export type BackupArgs =
  | { name: 'backup.list'; json: boolean }
  | { name: 'backup.create'; json: boolean }
  | { name: 'backup.restore'; json: boolean; backup: string };

export const parseBackup = (args: string[]): BackupArgs | { name: 'help'; topic: string } => {
  const [action, ...rest] = args;
  if (action === undefined || action === '--help' || action === '-h') return { name: 'help', topic: 'backup' };
  if (action !== 'list' && action !== 'create' && action !== 'restore') throw invalid('lagoon backup needs one of: list, create, restore NAME. Run "lagoon backup --help".');
  const { values, positionals } = parse(`backup ${action}`, rest, { ...HELP_FLAG, ...JSON_FLAG });
  if (values.help) return { name: 'help', topic: 'backup' };
  const json = values.json === true;
  if (action !== 'restore') {
    noPositionals(`backup ${action}`, positionals);
    return { name: `backup.${action}`, json };
  }
  const [backup] = positionals;
  if (positionals.length !== 1 || !backup || !BACKUP_NAME_RE.test(backup)) {
    throw invalid('lagoon backup restore needs the name of one backup, as "lagoon backup list" shows it (e.g. lagoon-20260101-120000-000.db).');
  }
  return { name: 'backup.restore', json, backup };
};

export const BACKUP_USAGE = `lagoon backup list [--json]
lagoon backup create [--json]
lagoon backup restore NAME [--json]

The library's database backups (the app takes one a day and keeps the newest few, a setting).
  list      every backup, newest first: when, its size, its image count, and whether it passes integrity_check
  create    take a backup now
  restore   put backup NAME in place of the library's database. Quit the app first. The current database is
            not deleted: it moves, with its -wal and -shm, to damaged/<time>/ in the data folder. Images made
            after the backup are then added again from their files (with the prompt their metadata carries).`;
