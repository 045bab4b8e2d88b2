// Every text a user sees is in i18n/en.json and i18n/ru.json; index.html names them with data-i18n* attributes.
import { el } from './dom.js';
import { emit } from './bus.js';

export const LANGUAGES = ['en', 'ru'];
const LANGUAGE_KEY = 'inbox.lang';
export const i18n = { lang: 'en', texts: {}, cache: {} };

/** The remembered choice, else the browser's language: Russian for ru-*, English for anything else. */
export function preferredLanguage() {
  const saved = localStorage.getItem(LANGUAGE_KEY);
  if (LANGUAGES.includes(saved)) return saved;
  return (navigator.language || '').toLowerCase().split('-')[0] === 'ru' ? 'ru' : 'en';
}

async function loadTexts(lang) {
  if (!i18n.cache[lang]) {
    const response = await fetch(`i18n/${lang}.json`, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`i18n/${lang}.json: ${response.status}`);
    i18n.cache[lang] = await response.json();
  }
  return i18n.cache[lang];
}

/** The text for a key in the chosen language; {name} placeholders are filled from params, plurals chosen by params.n. */
export function t(key, params = {}) {
  let text = i18n.texts[key] ?? key;
  if (typeof text === 'object') text = text[new Intl.PluralRules(i18n.lang).select(params.n ?? 0)] ?? text.other;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (params[name] ?? whole));
}

/** A translation when there is one (status, intent, delivery values from the API), else the value itself. */
export const tOr = (key, fallback) => (key in i18n.texts ? t(key) : fallback);

export const time = (iso) => (iso ? new Date(iso).toLocaleString(i18n.lang, { dateStyle: 'short', timeStyle: 'medium' }) : '');

/** A waiting time: "45 s", "12 min", "1 h 5 min" (in the chosen language). */
export function duration(since) {
  const seconds = Math.max(0, Math.floor((Date.now() - new Date(since).getTime()) / 1000));
  return durationOf(seconds);
}

/** A number of seconds as "45 s", "12 min", "1 h 5 min". */
export function durationOf(totalSeconds) {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  if (seconds < 60) return t('wait.seconds', { s: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t('wait.minutes', { m: minutes });
  return t('wait.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

/** Fills every data-i18n* element under root (the whole page by default). */
export function applyStaticTexts(root = document) {
  if (root === document) {
    document.documentElement.lang = i18n.lang;
    document.title = t('app.title');
  }
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
  for (const node of root.querySelectorAll('[data-i18n-aria-label]')) node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel));
  for (const node of root.querySelectorAll('[data-i18n-title]')) node.title = t(node.dataset.i18nTitle);
  for (const select of root.querySelectorAll('select.lang')) {
    select.replaceChildren(...LANGUAGES.map((lang) => el('option', { value: lang, selected: lang === i18n.lang }, t(`lang.${lang}`))));
    select.value = i18n.lang;
  }
}

/** Switches the texts; every part draws itself again on the 'language' signal. */
export async function setLanguage(lang, remember) {
  i18n.texts = await loadTexts(lang);
  i18n.lang = lang;
  if (remember) localStorage.setItem(LANGUAGE_KEY, lang);
  applyStaticTexts();
  emit('language');
}

for (const select of document.querySelectorAll('select.lang')) {
  select.addEventListener('change', () => setLanguage(select.value, true));
}
