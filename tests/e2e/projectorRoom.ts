import type { Page } from '@playwright/test';
import type { Command, CommandAck } from '@roundtable/shared';
import { connect, connected, send, type TestSocket } from '../support/clients.js';
import { createRoundtable, expect, type RunningServer } from './fixtures.js';

/** The longest people and bodies a real roster holds: what the projector must fit on every screen. */
export const SPEAKER = 'Aliya Zhumabekovna Nurmukhambetova-Seitkali';
export const WAITING = [
  'Maximilian Alexander Friedrich von Hohenberg-Lichtenstein',
  'Gulnara Serikbayevna Abdrakhmanova-Tokhtarova',
  'Jean-Baptiste Emmanuel Beaumont de la Rochefoucauld',
  'Dinara Bakhytzhanovna Kuanyshbekova-Yessenova',
  'Christopher Wellington Fitzgerald-Montgomery',
];
const DELEGATIONS = [
  'Ministry of Internal Affairs of the Republic of Kazakhstan — Committee for Migration Service',
  'Directorate-General for Migration and Home Affairs of the European Commission (DG HOME)',
  'Border Service of the National Security Committee of the Republic of Kazakhstan',
  'Organization for Security and Co-operation in Europe — Programme Office in Astana',
  'United Nations Office on Drugs and Crime — Regional Office for Central Asia',
  'Embassy of the Kingdom of the Netherlands in the Republic of Kazakhstan',
];
const FUNCTION = 'Deputy Chairperson of the Committee, Head of the Department for International Cooperation';

const item = (en: string, ru: string, kk: string, plannedMinutes = 30, kind = 'discussion') => ({
  title: { en, ru, kk },
  kind,
  plannedMinutes,
});
/** Eleven items: more than the agenda view shows at once, the current one with the longest title. */
const AGENDA = [
  item('Opening remarks', 'Вступительное слово', 'Кіріспе сөз', 20, 'opening'),
  item('International extremism and terrorism', 'Международный экстремизм и терроризм', 'Халықаралық экстремизм'),
  item('Border protection', 'Защита границ', 'Шекараны қорғау'),
  item('Coffee break', 'Кофе-брейк', 'Кофе-брейк', 15, 'break'),
  item(
    'Migrant smuggling and trafficking in human beings along the Central Asian routes: joint investigations and the protection of victims',
    'Незаконный ввоз мигрантов и торговля людьми на центральноазиатских маршрутах: совместные расследования и защита жертв',
    'Орталық Азия бағыттарындағы мигранттарды заңсыз өткізу және адам саудасы: бірлескен тергеулер және жәбірленушілерді қорғау',
    35,
  ),
  item('Drug and arms trafficking', 'Незаконный оборот наркотиков и оружия', 'Есірткі және қару-жарақ айналымы'),
  item('Cyber threats', 'Киберугрозы', 'Киберқауіптер', 20),
  item('Financial flows of organised crime', 'Финансовые потоки оргпреступности', 'Қылмыстың қаржы ағындары'),
  item('Lunch', 'Обед', 'Түскі ас', 60, 'break'),
  item('Lessons learned and next steps', 'Извлечённые уроки и дальнейшие шаги', 'Алынған сабақтар', 30, 'closing'),
  item('Closing remarks', 'Заключительное слово', 'Қорытынды сөз', 10, 'closing'),
];

export interface Room {
  moderator: TestSocket;
  joinCode: string;
  /** The projector link's path and fragment, to open in a page. */
  projectorPath: string;
  moderatorUrl: string;
  run: (command: Command) => Promise<CommandAck>;
}

/** A roundtable in Astana's zone with the long roster, the long item running, one speaking and five waiting. */
export async function longNamesRoom(server: RunningServer): Promise<Room> {
  const rt = await createRoundtable(server, {
    title: {
      en: 'Roundtable on transnational threats affecting the European Union and the Republic of Kazakhstan: terrorism, trafficking and cybercrime',
      ru: 'Круглый стол по транснациональным угрозам, затрагивающим Европейский союз и Республику Казахстан: терроризм, торговля людьми и киберпреступность',
      kk: 'Еуропалық Одақ пен Қазақстан Республикасына әсер ететін трансұлттық қауіп-қатерлер жөніндегі дөңгелек үстел',
    },
    timeZone: 'Asia/Almaty',
    organisers: [
      'Delegation of the European Union to the Republic of Kazakhstan',
      'Embassy of the Kingdom of the Netherlands',
      'Ministry of Foreign Affairs of the Republic of Kazakhstan',
    ],
    delegations: DELEGATIONS.map((name) => ({ name })),
    agenda: AGENDA,
  });
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  const state = await connected(moderator);
  const run = async (command: Command) => {
    const ack = await send(moderator, command);
    expect(ack, command.type).toMatchObject({ ok: true });
    return ack;
  };
  const people: string[] = [];
  for (const [n, name] of [SPEAKER, ...WAITING].entries()) {
    const delegation = state.delegations[n % state.delegations.length];
    const ack = await run({
      type: 'participant.add',
      role: 'participant',
      profile: { name, function: FUNCTION, delegation: delegation ? { id: delegation.id } : null, language: 'kk' },
    });
    people.push((ack.ok && ack.result?.participantId) || '');
  }
  for (const done of state.agenda.slice(0, 4)) {
    await run({ type: 'agenda.start', itemId: done.id });
    await run({ type: 'agenda.finish', itemId: done.id });
  }
  const current = state.agenda[4];
  if (!current) throw new Error('no fifth item');
  await run({ type: 'agenda.start', itemId: current.id });
  for (const [n, participantId] of people.entries()) {
    await run({ type: 'queue.add', participantId, kind: n === 3 ? 'question' : 'speech', topic: '' });
  }
  await run({ type: 'floor.next', expectedSpeechId: null });
  const link = await run({ type: 'link.create', role: 'projector', label: 'Hall screen' });
  const url = new URL((link.ok && link.result?.url) || '');
  return {
    moderator,
    joinCode: rt.joinCode,
    projectorPath: url.pathname + url.hash,
    moderatorUrl: rt.moderatorUrl,
    run,
  };
}

/**
 * What does not fit, measured in the page: a page that scrolls, a panel off the screen, a text
 * outside its panel, a speaker's name or the join code outside its panel's padding or cut without an
 * ellipsis (the code may never be cut), and type too small to read from the back of the room.
 */
export function fitProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const [vw, vh] = [window.innerWidth, window.innerHeight];
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth !== vw || root.scrollHeight !== vh) {
      problems.push(`the page is ${root.scrollWidth}×${root.scrollHeight}, the screen ${vw}×${vh}`);
    }
    const name = (el: Element) => `"${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const within = (r: DOMRect, l: number, t: number, right: number, b: number) =>
      r.left >= l - 0.5 && r.top >= t - 0.5 && r.right <= right + 0.5 && r.bottom <= b + 0.5;
    const panels = [...document.querySelectorAll('.projector .panel, .projector header, .projector .break')];
    for (const panel of panels) {
      const box = panel.getBoundingClientRect();
      if (!within(box, 0, 0, vw, vh)) problems.push(`panel ${name(panel)} is not on the screen`);
      const texts = [...panel.querySelectorAll('*')].filter(
        (el) =>
          !el.closest('.document-view') &&
          [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim()),
      );
      for (const el of texts) {
        const r = el.getBoundingClientRect();
        if (!within(r, box.left, box.top, box.right, box.bottom)) problems.push(`${name(el)} leaves its panel`);
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < vh / 60) problems.push(`${name(el)} is ${size}px, too small for ${vh}px`);
      }
    }
    for (const el of document.querySelectorAll('[data-testid="speaker-name"], [data-testid="join-code"]')) {
      const panel = el.closest('.panel');
      if (!panel) {
        problems.push(`${name(el)} has no panel`);
        continue;
      }
      const p = getComputedStyle(panel);
      const box = panel.getBoundingClientRect();
      const r = el.getBoundingClientRect();
      if (!within(r, 0, 0, vw, vh)) problems.push(`${name(el)} is not on the screen`);
      const [left, right] = [box.left + parseFloat(p.paddingLeft), box.right - parseFloat(p.paddingRight)];
      const [top, bottom] = [box.top + parseFloat(p.paddingTop), box.bottom - parseFloat(p.paddingBottom)];
      if (!within(r, left, top, right, bottom)) problems.push(`${name(el)} touches or crosses its panel's edge`);
      const s = getComputedStyle(el);
      const cut = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
      const ellipsis =
        s.overflow === 'hidden' &&
        (s.textOverflow === 'ellipsis' || (s.getPropertyValue('-webkit-line-clamp') || 'none') !== 'none');
      const isCode = el.getAttribute('data-testid') === 'join-code';
      if (cut && (isCode || !ellipsis)) problems.push(`${name(el)} is cut without an ellipsis`);
    }
    return problems;
  });
}
