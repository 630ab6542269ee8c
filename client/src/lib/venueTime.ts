const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * A time of day as the venue reads it: in the roundtable's time zone and on the 24-hour clock, whatever
 * the device's zone and locale (an English-speaking laptop would otherwise say "2:05 PM").
 */
export function venueTime(ms: number, timeZone: string, lang: string): string {
  const key = `${lang} ${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
    formats.set(key, format);
  }
  return format.format(ms);
}
