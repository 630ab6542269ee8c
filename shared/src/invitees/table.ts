import type { z } from 'zod';
import { LIMITS, type Lang } from '../langs.js';
import { findDelegationByName } from '../roster/delegations.js';
import { inviteeKey } from './rules.js';
import type { Delegation, Roster } from '../state.js';
import { headerField, INVITEE_FIELDS, languageOf, roleOf } from './columns.js';
import type {
  InviteeField,
  InviteePreview,
  InviteePreviewColumn,
  InviteePreviewProblem,
  InviteePreviewRow,
} from './preview.js';
import { INVITEE_LIMITS } from './kinds.js';
import { InviteeFields } from './schema.js';

/*
 * The preview of a list of invitees: what `invitee.import` would do with it, row by row, against the same
 * roster. The rows it passes are the command's `invitees` and the command accepts them all: every rule
 * the handler (handlers.ts) refuses a row for is found here first, the same way.
 */

type Cells = readonly (readonly string[])[];
type Problem = InviteePreviewProblem;

/** A cell our own CSV guarded against spreadsheet formulas (server/src/exports/toSheets.ts), read as it was typed. */
const unguarded = (text: string) => (/^'[=+\-@]/.test(text) ? text.slice(1) : text);

const blank = (row: readonly string[] | undefined) => !row || row.every((c) => c.trim() === '');
const shortened = (value: string) => (value.length > 100 ? `${value.slice(0, 99)}…` : value);

/** The header's columns, each read as a field or ignored; a field's second column is ignored, and said so. */
function readHeader(header: readonly string[], line: number, problems: Problem[]): InviteePreviewColumn[] {
  const taken = new Set<InviteeField>();
  return header.flatMap((cell, i) => {
    const text = cell.trim();
    if (text === '') return [];
    const field = headerField(text);
    if (field && taken.has(field)) problems.push({ line, reason: 'duplicate_column', field, value: shortened(text) });
    const read = field && !taken.has(field) ? field : null;
    if (read) taken.add(read);
    return [{ column: i + 1, header: text, field: read }];
  });
}

/** Why zod refused a field: of these fields, only the name and the e-mail say more than their length. */
function problemOf(field: InviteeField, issue: z.core.$ZodIssue): Problem['reason'] {
  if (issue.code === 'too_big') return 'too_long';
  if (field === 'name') return 'missing_name';
  return field === 'email' ? 'bad_email' : 'too_long';
}

/** A row's delegation: the one it names, once it is on the roster or added by an earlier row. */
type Found = { kind: InviteePreviewRow['delegation']; delegation?: Delegation };

/** The delegations the rows resolve against: the roster's, then the ones the import will add, in order. */
class Delegations {
  readonly added: Delegation[] = [];
  constructor(private readonly roster: Roster) {}

  find(name: string): Found {
    if (name === '') return { kind: 'none' };
    const existing = findDelegationByName(this.roster, name);
    if (existing) return { kind: 'existing', delegation: existing };
    return { kind: 'new', delegation: findDelegationByName({ delegations: this.added }, name) };
  }

  /** Room for one more: addDelegation() refuses past LIMITS.delegations. */
  get full(): boolean {
    return this.roster.delegations.length + this.added.length >= LIMITS.delegations;
  }

  add(name: string): Delegation {
    const delegation: Delegation = { id: `new:${this.added.length}`, name, defaultLanguage: null };
    this.added.push(delegation);
    return delegation;
  }
}

/** The list as the import builds it, row by row: the roster, then the rows passed so far. */
class List {
  readonly rows: InviteePreviewRow[] = [];
  readonly delegations: Delegations;
  private readonly rostered: Set<string>;
  private readonly earlier = new Map<string, number>();

  constructor(private readonly roster: Roster) {
    this.delegations = new Delegations(roster);
    this.rostered = new Set(
      roster.participants.filter((p) => p.status !== 'removed').map((p) => inviteeKey(p.name, p.delegationId)),
    );
  }

  /** Adds a valid row, or says why the import would refuse it; in the handler's order of adding. */
  admit(line: number, invitee: InviteeFields, found: Found): Problem | undefined {
    const name = shortened(invitee.name);
    if (invitee.role === 'head' && found.kind === 'none')
      return { line, reason: 'head_without_delegation', field: 'role' };
    // A delegation named here for the first time has nobody in it yet, on the roster or earlier in the file.
    const fresh = found.kind === 'new' && !found.delegation;
    const key = inviteeKey(invitee.name, found.delegation?.id ?? null);
    const sameAs = fresh ? undefined : this.earlier.get(key);
    if (sameAs !== undefined) return { line, reason: 'duplicate_in_file', field: 'name', value: name, sameAs };
    if (!fresh && this.rostered.has(key)) return { line, reason: 'already_on_list', field: 'name', value: name };
    // The handler counts everyone ever on the roster, removed people too.
    if (this.roster.participants.length + this.rows.length >= LIMITS.participants) {
      return { line, reason: 'roundtable_full' };
    }
    if (fresh && this.delegations.full) {
      return { line, reason: 'too_many_delegations', field: 'delegation', value: shortened(invitee.delegation) };
    }
    const delegation = fresh ? this.delegations.add(invitee.delegation) : found.delegation;
    this.earlier.set(inviteeKey(invitee.name, delegation?.id ?? null), line);
    this.rows.push({ line, invitee, delegation: found.kind });
    return undefined;
  }
}

/**
 * Reads a list of invitees: the first non-empty row is the header, each row after it an invitee or the
 * problems that keep it out. `language` is what a row without one gets when its delegation has no default
 * language (the roundtable's first).
 */
export function previewInvitees(cells: Cells, roster: Roster, language: Lang): InviteePreview {
  const problems: Problem[] = [];
  const headerAt = cells.findIndex((row) => !blank(row));
  if (headerAt < 0) return { rows: [], problems: [{ line: 1, reason: 'no_rows' }], columns: [], newDelegations: [] };
  const columns = readHeader(cells[headerAt] ?? [], headerAt + 1, problems);
  const at = new Map(columns.flatMap((c) => (c.field ? [[c.field, c.column - 1] as const] : [])));
  if (!at.has('name')) {
    problems.push({ line: headerAt + 1, reason: 'no_name_column' });
    return { rows: [], problems, columns, newDelegations: [] };
  }
  const list = new List(roster);
  let read = 0;
  for (let i = headerAt + 1; i < cells.length; i++) {
    const cell = cells[i];
    if (!cell || blank(cell)) continue;
    const line = i + 1;
    if (++read > INVITEE_LIMITS.rows) {
      problems.push({ line, reason: 'too_many_rows' });
      break;
    }
    const value = (field: InviteeField) => {
      const index = at.get(field);
      return index === undefined ? '' : unguarded((cell[index] ?? '').trim());
    };
    const row = readRow(value, line, problems);
    if (!row) continue;
    const found = list.delegations.find(row.delegation);
    const parsed = InviteeFields.safeParse({
      ...row,
      language: row.language ?? found.delegation?.defaultLanguage ?? language,
    });
    if (parsed.success) {
      const refused = list.admit(line, parsed.data, found);
      if (refused) problems.push(refused);
      continue;
    }
    const seen = new Set<InviteeField>();
    for (const issue of parsed.error.issues) {
      const field = INVITEE_FIELDS.find((f) => f === issue.path[0]);
      if (!field || seen.has(field)) continue;
      seen.add(field);
      problems.push({ line, reason: problemOf(field, issue), field, value: shortened(value(field)) });
    }
  }
  if (read === 0) problems.push({ line: headerAt + 2, reason: 'no_rows' });
  return { rows: list.rows, problems, columns, newDelegations: list.delegations.added.map((d) => d.name) };
}

type RowFields = Omit<InviteeFields, 'language'> & { language: Lang | null };

/** A row's cells as fields, or null with its problems when its name, language or role cannot be read. */
function readRow(value: (field: InviteeField) => string, line: number, problems: Problem[]): RowFields | null {
  const name = value('name');
  const languageText = value('language');
  const roleText = value('role');
  const language = languageText === '' ? null : languageOf(languageText);
  const role = roleText === '' ? 'participant' : roleOf(roleText);
  const before = problems.length;
  if (name === '') problems.push({ line, reason: 'missing_name', field: 'name' });
  if (languageText !== '' && !language) {
    problems.push({ line, reason: 'unknown_language', field: 'language', value: shortened(languageText) });
  }
  if (!role) problems.push({ line, reason: 'unknown_role', field: 'role', value: shortened(roleText) });
  if (problems.length > before || !role) return null;
  return {
    name,
    function: value('function'),
    delegation: value('delegation'),
    language,
    role,
    email: value('email'),
    note: value('note'),
  };
}
