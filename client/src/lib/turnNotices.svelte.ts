const KEY = 'roundtable.notify';

type Permission = NotificationPermission | 'unsupported';
const permissionNow = (): Permission => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

/**
 * Whether this device shows a system notification of the person's turn while the page is in the background.
 * Only once they asked for it with a tap (a browser asks for permission only then, never on page load) and
 * while the browser still allows it. No push service: the open page shows it when its state says so.
 */
class TurnNotices {
  #permission = $state<Permission>(permissionNow());
  #chosen = $state(localStorage.getItem(KEY) === '1');

  /** What the control offers: nothing (unsupported), a note (blocked), turning off (on) or on (off). */
  get status(): 'unsupported' | 'blocked' | 'on' | 'off' {
    if (this.#permission === 'unsupported') return 'unsupported';
    if (this.#permission === 'denied') return 'blocked';
    return this.#chosen && this.#permission === 'granted' ? 'on' : 'off';
  }

  async enable(): Promise<void> {
    this.#permission = await Notification.requestPermission();
    this.#chosen = this.#permission === 'granted';
    if (this.#chosen) localStorage.setItem(KEY, '1');
  }

  disable(): void {
    this.#chosen = false;
    localStorage.removeItem(KEY);
  }

  /**
   * Shows the notice of a turn if the person allowed it (asked now, so a permission revoked in the browser's
   * settings since is respected). Through the service worker where it runs (phone browsers allow no other
   * way; a tap on the notice brings the page back), else from the page. `tag` names the turn.
   */
  async show(title: string, options: { body: string; tag: string; lang: string }): Promise<void> {
    if (!this.#chosen || permissionNow() !== 'granted') return;
    const full: NotificationOptions = { ...options, icon: '/icon-192.png', data: { url: location.pathname } };
    const registration = await navigator.serviceWorker?.getRegistration();
    if (registration?.active) return registration.showNotification(title, full);
    const notice = new Notification(title, full);
    notice.onclick = () => {
      window.focus();
      notice.close();
    };
  }
}

export const turnNotices = new TurnNotices();
