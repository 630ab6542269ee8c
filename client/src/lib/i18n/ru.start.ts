import type { StartKey } from './en.start.js';

export const ruStart: Record<StartKey, string> = {
  'landing.title': 'Проведите круглый стол: повестка, слово, время и итоги в одном месте',
  'landing.lead':
    'Модераторы ведут повестку и дают слово с ноутбука; участники просят слово с телефона; докладчики пишут итоговый документ в реальном времени; проектор показывает залу, кто выступает и кто следующий.',
  'landing.joinTitle': 'Присоединиться к круглому столу',
  'landing.createTitle': 'Организовать круглый стол',
  'landing.createBody':
    'Настройте мероприятие, организаторов и делегации; вы получите ссылку модератора для его проведения.',
  'landing.createButton': 'Создать круглый стол',
  'landing.demoBody': 'Или попробуйте готовый пример: круглый стол в Астане по транснациональным угрозам.',
  'landing.demoButton': 'Открыть демо',
  // The organiser key, for the demo on a server that asks for it
  'landing.organiserKey': 'Ключ организатора',
  'landing.organiserKeyHint':
    'Демо — это новый круглый стол, а на этом сервере их создают только организаторы. Введите ключ организатора и откройте демо ещё раз.',
  'notFound.title': 'Страница не найдена',
  'notFound.body': 'По этому адресу нет страницы Roundtable.',
};
