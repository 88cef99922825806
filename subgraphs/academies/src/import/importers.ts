import { type Importer, type MikroORM, parseIsoDate } from '@estate/subgraph-kit';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importEstablishments } from './establishments.import';
import { importGroupLinks } from './group-links.import';
import { CONSOLE_LOG, type ImportReport, printReport } from './import-run';
import { importEstablishmentLinks } from './links.import';

interface CommandLine {
  file: string;
  rejections?: string;
  asOf?: string;
  partial: boolean;
}

function readCommandLine(args: string[], usage: string, dated: boolean): CommandLine {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      rejections: { type: 'string' },
      ...(dated ? { 'as-of': { type: 'string' }, partial: { type: 'boolean' } } : {}),
    },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new Error(`Usage: pnpm import ${usage}`);
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  return {
    file,
    rejections: values.rejections as string | undefined,
    asOf: values['as-of'] as string | undefined,
    partial: Boolean(values.partial),
  };
}

function importer(
  name: string,
  options: string,
  dated: boolean,
  run: (orm: MikroORM, line: CommandLine) => Promise<ImportReport>,
): Importer {
  const usage = `${name} <file.csv> ${options}`.trim();
  return {
    usage: usage.slice(name.length + 1),
    async run(orm, args) {
      const line = readCommandLine(args, usage, dated);
      await printReport(await run(orm, line), CONSOLE_LOG, line.rejections);
    },
  };
}

/** What `pnpm import <kind> …` runs; see the README section "Loading real GIAS data". */
export const ACADEMIES_IMPORTERS: Record<string, Importer> = {
  gias: importer('gias', '[--rejections <out.csv>]', false, (orm, line) =>
    importEstablishments(orm, line.file, CONSOLE_LOG),
  ),
  'gias-links': importer('gias-links', '[--rejections <out.csv>]', false, (orm, line) =>
    importEstablishmentLinks(orm, line.file, CONSOLE_LOG),
  ),
  'gias-grouplinks': importer(
    'gias-grouplinks',
    '[--as-of YYYY-MM-DD] [--partial] [--rejections <out.csv>]',
    true,
    (orm, line) =>
      importGroupLinks(orm, line.file, {
        asOf: line.asOf === undefined ? undefined : parseIsoDate(line.asOf, '--as-of'),
        partial: line.partial,
        log: CONSOLE_LOG,
      }),
  ),
};
