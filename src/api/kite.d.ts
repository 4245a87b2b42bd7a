// Types for Kite's ES module entry (kite.js): the config and the API.

/** Text the site writes: the same in every language, or English and Welsh. */
export type LocalText = string | { 'en-GB': string; cy?: string };

/** Google Consent Mode v2 signals. */
export type ConsentSignal =
  | 'ad_storage' | 'ad_user_data' | 'ad_personalization'
  | 'analytics_storage' | 'functionality_storage' | 'personalization_storage';

/** A third party (or first-party tool) that runs under a purpose. */
export interface KiteService {
  /** Its name in markup: `data-kite="analytics/stats"`. Lower-case letters, digits, `-`, `_`. */
  name: string;
  /** Its label. Default: its name. */
  label?: LocalText;
  /** What it does, in plain words. */
  description?: LocalText;
  /** Cookies it sets, by name or pattern (`_ga_*`); deleted when consent is withdrawn. */
  cookies?: string[];
  /** The domains it loads from (shown to people, listed in reports). */
  domains?: string[];
  /** What else it keeps in the browser, by name or pattern (`stats_*`); deleted when consent is withdrawn. */
  storage?: { localStorage?: string[]; sessionStorage?: string[]; indexedDB?: string[]; caches?: string[] };
}

/** A reason for using data. "necessary" is always on; analytics, functional and marketing have built-in wording. */
export interface KitePurpose {
  /** Its name in markup: `data-kite="analytics"`. Lower-case letters, digits, `-`, `_`. */
  name: 'necessary' | 'analytics' | 'functional' | 'marketing' | (string & {});
  /** Its label; required for purposes Kite does not know. */
  label?: LocalText;
  /** What it is for. */
  description?: LocalText;
  /** The services that use it. */
  services?: KiteService[];
  /** The Google Consent Mode signals it grants. Default: by purpose (analytics → analytics_storage, …). */
  consentMode?: ConsentSignal[];
  /** Shares or sells data, so Global Privacy Control keeps it off. Default: true for marketing. */
  sharing?: boolean;
}

/** Kite's config: the same JSON a school admin writes in kite.json. */
export interface KiteConfig {
  $schema?: string;
  /** The privacy policy revision; when it increases, everyone is asked again. Default 1. */
  revision?: number;
  /** `"en-GB"`, `"cy"`, or `"auto"` to follow the page's `<html lang>`. Default "auto". */
  language?: 'en-GB' | 'cy' | 'auto';
  /** Who the site is for. Default "all-ages": children's rules apply. Under 13, only a parent or carer can consent. */
  audience?: 'primary' | 'secondary' | 'sixth-form' | 'all-ages' | 'adults' | { minAge: number; maxAge?: number };
  /** The purposes; replaces the default analytics, functional and marketing. */
  purposes?: KitePurpose[];
  /** Days a choice lasts before Kite asks again (at most 395). Default 182. */
  consentMaxAgeDays?: number | { accept?: number; reject?: number };
  /** Where the school collects consent receipts (`https://…` or a path on this site), sent with `navigator.sendBeacon`. Default: nowhere. */
  receipts?: { endpoint?: string };
  /** A shared device (school computers): every choice lasts for the browser session only. The page can also call `sharedDevice()` at log-in. Default false. */
  sharedDevice?: boolean;
  /** Reload the page when a purpose whose scripts already ran is withdrawn. Default true. */
  reloadOnWithdraw?: boolean;
  /** The cookie holding the record. Default `{ name: "kite_consent" }`, host only. */
  cookie?: { name?: string; domain?: string };
  /** Send Google Consent Mode v2 updates through `gtag`. Default true. */
  consentMode?: boolean;
  /** Show the small "Privacy settings" button after a choice. Default true. */
  settingsButton?: boolean;
  /** Replace any built-in message, per language: `{ "en-GB": { "banner.title": "Cookies at Oakfield" } }`. */
  text?: { 'en-GB'?: Record<string, string>; cy?: Record<string, string> };
  /** Links to other sites. */
  links?: {
    /** Hosts that are the school's own though on another site, such as a learning platform (subdomains included). */
    ownHosts?: string[];
    /** Sites trusted enough to skip the "you are leaving" dialog (subdomains included). */
    trusted?: string[];
    /** Query parameters to remove before continuing to another site, beyond utm_*, gclid, fbclid and the like; `"pk_*"` for a prefix. */
    stripParameters?: string[];
    /** Open other sites in a new tab after "Continue". Default false (as the link says). */
    newTab?: boolean;
    /** Ask before `window.open` calls in the page's code open another site (the page gets `null`, as from a pop-up blocker, and Continue opens it). Default `true`. */
    guardWindowOpen?: boolean;
    /** Pupils of 13 and over may tick "Don't ask me again about this site today" (kept for the browser session only). Under-13s always see the dialog. Default `true`. */
    dontAskAgain?: boolean;
  };
  /** Just-in-time notices (`data-kite-notice="photo-upload"` in markup, or `notice.show`). */
  notices?: {
    /** Show each notice every time, not once per browser session. Default false. */
    everyTime?: boolean;
    /** The school's own notices by name (lower-case letters, digits, `-`, `_`); a built-in name rewords that notice. */
    custom?: Record<string, { title: LocalText; text: LocalText; picture?: NoticeName }>;
  };
  /** Where a child's requests about their information go (the rights panel), and who helps a worried child. */
  rights?: {
    /** The address every route emails unless it has its own (opened as `mailto:` with a subject and nothing else). */
    email?: string;
    /** Or a web page every route goes to (`https://…` or a path on this site). */
    url?: string;
    /** A route's own email or page. */
    routes?: Partial<Record<RightsRoute, { email?: string; url?: string }>>;
    /** Help listed on "I'm worried about something". Default `["ceop", "childline"]`. */
    help?: Array<'ceop' | 'childline' | { label: LocalText; url: string }>;
  };
  /** The full privacy notice, and what changed in this `revision` (shown once to visitors who saw an earlier one). */
  privacyNotice?: { url?: string; changes?: LocalText };
  /** Message boxes marked `data-kite-guard`: on contact details, warn (the child may still send) or block. Default `"warn"`; `data-kite-guard="block"` on a box overrides it. */
  guard?: { mode?: 'warn' | 'block' };
  /** Who can see the child's activity, declared up front (the page can also call `monitoring.set`). */
  monitoring?: Monitor[];
}

/** Someone who can see the child's activity, and what they can see, following "your" in a child's words. */
export interface Monitor {
  by: 'parent' | 'teacher' | 'school';
  what: LocalText;
}

/** Kite's monitoring API: an always-visible sign while anyone can see the child's activity. */
export interface KiteMonitoring {
  /** Declares who can see what, replacing what the page declared before. Resolves with the mistakes (empty when none), once the signs' code has loaded; valid entries are kept. */
  set(list: Monitor[]): Promise<ConfigError[]>;
  /** Nobody declared by the page can see the child's activity any more: the sign goes. */
  clear(): void;
}

/** The built-in just-in-time notices. */
export type NoticeName =
  | 'photo-upload' | 'comment' | 'profile' | 'location' | 'camera' | 'microphone' | 'message'
  | 'share-with-class' | 'share-with-parents' | 'search' | 'contact-support';

/** The rights panel's routes. */
export type RightsRoute = 'see' | 'fix' | 'delete' | 'stop' | 'worry';

/** Kite's notices API. */
export interface KiteNotice {
  /** Shows a notice before your code uses data; resolves with the child's answer. Agreed this session: `"ok"` at once. Unknown name: `"not-now"`. */
  show(name: NoticeName | (string & {})): Promise<'ok' | 'not-now'>;
}

/** Kite's rights panel API. */
export interface KiteRights {
  /** Opens the rights panel, or one of its routes. */
  open(route?: RightsRoute): void;
}

/** An ICO age band. */
export type AgeBandCode = '0-5' | '6-9' | '10-12' | '13-15' | '16-17' | 'adult';

/** What Kite does about a link. */
export interface LinkCheck {
  /** Follow it, ask first (another site), or never follow it (`data:`, `vbscript:`). */
  decision: 'go' | 'ask' | 'refuse';
  reason: 'same-site' | 'own-host' | 'trusted' | 'not-a-website' | 'third-party' | 'data' | 'vbscript' | 'unreadable';
  /** For "ask": the site to name, in punycode if its Unicode form could pass for another site. */
  site: string | null;
  /** For "ask": where continuing goes, without tracking parameters. */
  url: string | null;
}

/** Kite's links API. */
export interface KiteLinks {
  /** What Kite does about a link, written as in an `href` (resolved against the page). */
  check(href: string): LinkCheck;
}

/** The consent state. */
export interface ConsentState {
  /** A valid choice is in force (false before one, after expiry or a revision change). */
  decided: boolean;
  /** Who chose. */
  by: 'visitor' | 'guardian' | null;
  /** When. */
  time: Date | null;
  /** The config revision in force. */
  revision: number;
  /** The browser sends Global Privacy Control. */
  gpc: boolean;
  /** The browser sends Do Not Track; honoured like Global Privacy Control. */
  doNotTrack: boolean;
  /** The audience includes under-13s: only a parent or carer can switch purposes on. */
  guardianRequired: boolean;
  /** Each purpose and whether it is allowed. */
  purposes: Record<string, boolean>;
  /** Each service (`"purpose/service"`) and whether it is allowed. */
  services: Record<string, boolean>;
  /** Why the last `set` was refused, if it was. */
  error?: string;
}

/** Choices for `consent.set`: everything, nothing, or named purposes and services. */
export type ConsentChoices = 'all' | 'none' | Record<string, boolean>;

/** Kite's consent API. */
export interface KiteConsent {
  /** The current state. */
  get(): ConsentState;
  /** Changes choices. A parent's account passes `{ by: 'guardian' }`. Never throws: a refused change returns `error`. */
  set(choices: ConsentChoices, options?: { by?: 'visitor' | 'guardian' }): ConsentState;
  /** Forgets the choice; the banner shows again. */
  reset(): void;
  /** Opens the preferences dialog. */
  show(): void;
  /** Calls `callback` after every change; returns a function that unsubscribes. */
  onChange(callback: (state: ConsentState) => void): () => void;
  /** The receipt of the choice in force, or null before a choice. */
  receipt(): ConsentReceipt | null;
}

/** Proof of a choice without identifying anyone. `receipt` is random and new for every choice. */
export interface ConsentReceipt {
  receipt: string;
  /** ISO 8601, UTC. */
  time: string;
  revision: number;
  /** SHA-256 (hexadecimal) of the words the person was shown. */
  wording: string;
  by: 'visitor' | 'guardian';
  language: 'en-GB' | 'cy';
  ageBand: AgeBandCode;
  choices: Record<string, boolean>;
}

/** A config mistake: where, and what to do about it. */
export interface ConfigError {
  path: string;
  message: string;
}

/** A running Kite. */
export interface Kite {
  readonly consent: KiteConsent;
  readonly links: KiteLinks;
  readonly notice: KiteNotice;
  readonly rights: KiteRights;
  readonly monitoring: KiteMonitoring;
  /** The device is shared (call at log-in): every choice lasts for the browser session only. */
  sharedDevice(shared?: boolean): void;
  /** Evidence for the school's DPIA from the running config: resolves with the Children's Code report (Markdown, the default), the inventory of every service (Markdown), or the inventory as CSV, once the report's code has loaded (null for another kind, or if it cannot load). */
  report(kind?: 'code' | 'inventory' | 'inventory-csv'): Promise<string | null>;
  /** The self-audit of this page: each thing that works against Kite (ungated scripts, iframes and images, links that leak the referrer, cookies or storage from before a choice, CSS that hides Kite or unbalances its buttons, CSP violations), with its fix. Also printed in the console; `#kite-audit` in the address shows it on screen. */
  audit(): Promise<Array<{ kind: 'ungated-script' | 'ungated-iframe' | 'ungated-image' | 'referrer' | 'cookie-before-choice' | 'storage-before-choice' | 'hidden' | 'unequal-buttons' | 'csp'; element: string; message: string }>>;
  /** The pupil is logging out: Kite forgets their choices, agreements and age, switches location and the camera off, and asks the next pupil afresh. */
  logout(): void;
  /** The pupil's age (for the wording and for who may consent): `setAge(11)`, `setAge({ age: 11 })` or `setAge({ yearGroup: 7 })` with Reception as 0. Returns the age band, or null for bad input. */
  setAge(age: number | { age: number } | { yearGroup: number }): AgeBandCode | null;
  /** Mistakes found in the config (Kite still runs, with safe defaults for those fields). */
  readonly errors: ConfigError[];
  readonly version: string;
}

/** Starts Kite once per page: with a config object, a config URL, or nothing (reads `#kite-config` or `data-config`). */
export function init(config?: KiteConfig | string): Promise<Kite>;

/** The `kite:consent` event on `document`, fired after every change. */
declare global {
  interface DocumentEventMap {
    'kite:consent': CustomEvent<ConsentState>;
    /** A "you are leaving" dialog was shown or answered, a link was refused, or an older pupil went straight to a site they chose not to be asked about today (`skipped`). For links, forms and `window.open`. */
    'kite:link': CustomEvent<{ site: string | null; reason: LinkCheck['reason']; outcome: 'shown' | 'back' | 'continued' | 'refused' | 'skipped' }>;
    /** A just-in-time notice was answered. */
    'kite:notice': CustomEvent<{ name: string; answer: 'ok' | 'not-now' }>;
    /** The contact-details warning was answered. The message itself is never included. */
    'kite:guard': CustomEvent<{ kinds: Array<'phone' | 'email' | 'address' | 'handle'>; outcome: 'sent' | 'not-sent' }>;
  }
  interface Window {
    kite?: Kite | { consent: { [K in keyof KiteConsent]: (...args: Parameters<KiteConsent[K]>) => Promise<ReturnType<KiteConsent[K]>> } };
  }
}
