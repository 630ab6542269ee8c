import { z } from 'zod';
import { Id, Lang, LIMITS, optionalText, text } from './common.js';
import { AgendaItemFields, MAX_AGENDA_ITEMS } from './agenda.js';
import { LinkRole, PersonRole } from './roles.js';
import { RoundtableInfo } from './state.js';

/** A delegation chosen from the list, or a new one typed by the person joining. */
export const DelegationChoice = z.union([
  z.object({ id: Id }).strict(),
  z.object({ name: text(LIMITS.delegationName) }).strict(),
]);
export type DelegationChoice = z.infer<typeof DelegationChoice>;

export const ProfileFields = z.object({
  name: text(LIMITS.name),
  function: optionalText(LIMITS.function),
  delegation: DelegationChoice.nullable(),
  language: Lang,
});
export type ProfileFields = z.infer<typeof ProfileFields>;

const cmd = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape }).strict();

export const Command = z.discriminatedUnion('type', [
  cmd('roundtable.update', { info: RoundtableInfo.partial().strict() }),
  cmd('delegation.add', { name: text(LIMITS.delegationName), defaultLanguage: Lang.nullable().default(null) }),
  cmd('delegation.update', {
    delegationId: Id,
    name: text(LIMITS.delegationName),
    defaultLanguage: Lang.nullable(),
  }),
  cmd('delegation.remove', { delegationId: Id }),
  /** Built by the server from a join request; `returning` is set by the server for a known device. */
  cmd('participant.join', { profile: ProfileFields, returning: Id.optional() }),
  cmd('participant.add', { profile: ProfileFields, role: PersonRole.default('participant') }),
  cmd('participant.update', { participantId: Id, profile: ProfileFields.partial().strict() }),
  cmd('participant.setRole', { participantId: Id, role: PersonRole }),
  cmd('participant.remove', { participantId: Id }),
  cmd('participant.ban', { participantId: Id }),
  cmd('participant.readmit', { participantId: Id }),
  cmd('joining.setLocked', { locked: z.boolean() }),
  cmd('link.create', { role: LinkRole, label: optionalText(LIMITS.linkLabel).default('') }),
  cmd('link.revoke', { linkId: Id }),
  /** `after`: the item to place it after; null puts it first; absent puts it last. */
  cmd('agenda.add', { fields: AgendaItemFields, after: Id.nullable().optional() }),
  cmd('agenda.update', { itemId: Id, fields: AgendaItemFields.partial().strict() }),
  cmd('agenda.remove', { itemId: Id }),
  cmd('agenda.move', { itemId: Id, after: Id.nullable() }),
  cmd('agenda.duplicate', { itemId: Id }),
  cmd('agenda.import', {
    items: z.array(AgendaItemFields).max(MAX_AGENDA_ITEMS),
    mode: z.enum(['replace', 'append']),
  }),
  cmd('agenda.setCurrent', { itemId: Id.nullable() }),
  cmd('agenda.start', { itemId: Id }),
  cmd('agenda.finish', { itemId: Id }),
  cmd('agenda.skip', { itemId: Id }),
  cmd('agenda.extend', { itemId: Id, minutes: z.number().int().min(1).max(120) }),
  cmd('agenda.reopen', { itemId: Id }),
]);
export type Command = z.infer<typeof Command>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/** What a client sends: the command and the state version it was made against. */
export const CommandEnvelope = z
  .object({ baseVersion: z.number().int().nonnegative(), command: Command })
  .strict();
export type CommandEnvelope = z.infer<typeof CommandEnvelope>;
