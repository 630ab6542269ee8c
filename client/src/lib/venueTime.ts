const formats = new Map<string, Intl.DateTimeFormat>();

function cached(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = formats.get(key);
  if (!format) {
    format = make();
    formats.set(key, format);
  }
  return format;
}

/**
 * A time of day as the venue reads it: in the roundtable's time zone and on the 24-hour clock, whatever
 * the device's zone and locale (an English-speaking laptop would otherwise say "2:05 PM").
 */
export function venueTime(ms: number, timeZone: string, lang: string): string {
  return cached(
    `time ${lang} ${timeZone}`,
    () => new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }),
  ).format(ms);
}

/**
 * A day at the venue, short: "3 Dec", "3 дек.". English puts the day first, as the venue does; Kazakh
 * gets digits ("03.12"), since some browsers lack its month names and print "M12".
 */
export function venueDay(ms: number, timeZone: string, lang: string): string {
  return cached(`day ${lang} ${timeZone}`, () =>
    lang === 'kk'
      ? new Intl.DateTimeFormat(lang, { day: '2-digit', month: '2-digit', timeZone })
      : new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { day: 'numeric', month: 'short', timeZone }),
  ).format(ms);
}
