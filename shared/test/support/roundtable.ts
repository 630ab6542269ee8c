import {
  apply,
  createRoundtable,
  CreateRoundtableInput,
  type Actor,
  type Command,
  type CommandResult,
  type DomainEvent,
  type Failure,
  type InviteeFields,
  type PollSetup,
  type RoundtableState,
} from '../../src/index.js';

export const T0 = Date.UTC(2026, 11, 3, 4, 30); // 09:30 in Astana (UTC+5)
export const MOD: Actor = { kind: 'link', linkId: 'mod-link', role: 'moderator' };

/** A row of the list of invitees, as the import's preview passes it on. */
export function invitee(name: string, delegation = '', fields: Partial<InviteeFields> = {}): InviteeFields {
  return { name, function: 'Expert', delegation, language: 'en', role: 'participant', email: '', note: '', ...fields };
}

/** A deterministic roundtable: counter ids, a clock the test moves, every change through apply(). */
export class Scenario {
  state: RoundtableState;
  now = T0;
  lastEvents: DomainEvent[] = [];
  private n = 0;

  constructor(input: Partial<CreateRoundtableInput> = {}) {
    const parsed = CreateRoundtableInput.parse({
      title: { en: 'Roundtable on transnational threats', kk: 'Дөңгелек үстел' },
      description: '',
      startsAt: '2026-12-03T09:30',
      timeZone: 'Asia/Almaty',
      venue: 'Astana',
      organisers: ['EU Delegation'],
      languages: ['en', 'ru', 'kk'],
      delegations: [{ name: 'Europol' }, { name: 'Frontex' }, { name: 'OSCE' }],
      ...input,
    });
    this.state = createRoundtable(parsed, {
      id: 'rt',
      now: this.now,
      joinCode: 'ABCDEF',
      newId: this.newId,
      moderatorLinkId: 'mod-link',
    }).state;
  }

  newId = (): string => `id${++this.n}`;

  /** Applies and expects success; returns the command's result. */
  do(command: Command, actor: Actor = MOD, baseVersion = this.state.version): CommandResult {
    const out = apply(this.state, command, { actor, now: this.now, newId: this.newId, baseVersion });
    if (!out.ok) throw new Error(`${command.type} failed: ${out.reason} ${out.message}`);
    this.state = out.state;
    this.lastEvents = out.events;
    return out.result ?? {};
  }

  /** Applies and expects failure; the state is left as it was. */
  fail(command: Command, actor: Actor = MOD, baseVersion = this.state.version): Failure {
    const out = apply(this.state, command, { actor, now: this.now, newId: this.newId, baseVersion });
    if (out.ok) throw new Error(`${command.type} unexpectedly succeeded`);
    return out;
  }

  delegation(name: string): string {
    const d = this.state.delegations.find((x) => x.name === name);
    if (!d) throw new Error(`no delegation ${name}`);
    return d.id;
  }

  /** Adds a person as a moderator would; returns their id and an actor for them. */
  person(
    name: string,
    delegation: string | null = 'Europol',
    role: 'participant' | 'rapporteur' | 'moderator' = 'participant',
  ) {
    const { participantId } = this.do({
      type: 'participant.add',
      role,
      profile: {
        name,
        function: 'Expert',
        delegation: delegation ? { id: this.delegation(delegation) } : null,
        language: 'en',
      },
    });
    if (!participantId) throw new Error('no participant id');
    const actor: Actor = { kind: 'participant', participantId, role, pending: false };
    return { id: participantId, actor };
  }

  /** Puts a person on the list of invitees, expected and not arrived; returns their id. */
  invite(name: string, delegation = 'Europol', fields: Partial<InviteeFields> = {}): string {
    const { participantId } = this.do({ type: 'invitee.import', invitees: [invitee(name, delegation, fields)] });
    if (!participantId) throw new Error('no participant id');
    return participantId;
  }

  item(
    title: string,
    minutes: number,
    extra: Partial<{
      kind: 'opening' | 'discussion' | 'break' | 'closing';
      fixedStart: string | null;
      invitedSpeakers: string[];
    }> = {},
  ): string {
    this.do({
      type: 'agenda.add',
      fields: {
        title: { en: title },
        notes: '',
        kind: extra.kind ?? 'discussion',
        plannedMinutes: minutes,
        fixedStart: extra.fixedStart ?? null,
        invitedSpeakers: extra.invitedSpeakers ?? [],
        speakingLimits: null,
        orderingPolicy: null,
      },
    });
    const last = this.state.agenda.at(-1);
    if (!last) throw new Error('no item');
    return last.id;
  }

  minutes(m: number): void {
    this.now += m * 60_000;
  }

  /** The speech on the floor now; a test that expects one fails here if nobody has it. */
  floorId(): string {
    const id = this.state.floor?.speechId;
    if (!id) throw new Error('nobody has the floor');
    return id;
  }
}

/** The Astana agenda: opening 20, two discussions of 35, a 15-minute break, 35, 30, 20, closing 30. */
export function astana(s: Scenario): string[] {
  return [
    s.item('Opening remarks', 20, { kind: 'opening' }),
    s.item('International extremism and terrorism', 35),
    s.item('Border protection and critical infrastructure', 35),
    s.item('Coffee break', 15, { kind: 'break' }),
    s.item('Migrant smuggling and human trafficking', 35),
    s.item('Drug and arms trafficking', 30),
    s.item('Cyber threats', 20),
    s.item('Lessons learned and next steps', 30, { kind: 'closing' }),
  ];
}

/** A poll's setup: a named agree/disagree/abstain, one vote per person, with the question a test asks. */
export const pollSetup = (over: Partial<PollSetup> = {}): PollSetup => ({
  question: 'Can we agree on this lesson?',
  preset: 'agreement',
  options: [],
  multiple: false,
  anonymous: false,
  voters: 'person',
  ...over,
});
