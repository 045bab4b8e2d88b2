// Search, filters and sorting above the list (#list-filters). They combine with the tab's status; queue.js asks
// filterParams() for them at every load and reloads on the 'listFilters' signal. The choice survives a language switch
// (the controls are drawn again with the same values) and is forgotten at logout.
import { $, el } from './dom.js';
import { t, applyStaticTexts } from './i18n.js';
import { api } from './api.js';
import { on, emit } from './bus.js';
import { state } from './state.js';

// The channels the server filters on (TeamKeys.Channels).
const CHANNELS = ['telegram', 'vk', 'whatsapp', 'sms', 'email', 'api', 'voice'];
const SORTS = ['waiting', 'newest', 'oldest'];
const TYPING_PAUSE_MS = 300;

const empty = () => ({ q: '', channel: '', team: '', label: '', assignee: '', sort: '' });
let filters = empty();
let operators = [];        // supervisors: every operator, for the assignee filter
const labelsSeen = new Set(); // labels of the conversations listed so far, offered as suggestions

/** The filters as query parameters (without a leading &); the Mine tab keeps its own assignee. */
export function filterParams() {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (!value || (key === 'assignee' && state.tab === 'mine')) continue;
    params.set(key, value.trim());
  }
  return params.toString();
}

/** Whether anything narrows the list beyond the tab (then an empty list says "nothing found"). */
export const filtersActive = () => Object.entries(filters).some(([key, value]) => key !== 'sort' && value.trim() !== '');

/** The search text, for the "nothing found" line. */
export const searchText = () => filters.q.trim();

/** Focuses the search box (the keyboard shortcut). */
export function focusSearch() {
  const box = $('list-search');
  if (box) { box.focus(); box.select(); }
}

let typingTimer = null;
function changed(key, value, debounce) {
  filters[key] = value;
  clearTimeout(typingTimer);
  if (debounce) typingTimer = setTimeout(() => emit('listFilters'), TYPING_PAUSE_MS);
  else emit('listFilters');
}

const option = (value, text, selected) => el('option', { value, selected: value === selected }, text);

function select(key, label, options) {
  return el('label', { class: 'list-filter' }, el('span', { class: 'list-filter-label' }, t(label)),
    el('select', { id: `list-${key}`, onchange: (e) => changed(key, e.target.value, false) }, options));
}

/** Draws the controls with the current values (at start, on a language switch, when teams or operators arrive). */
export function renderFilters() {
  const box = $('list-filters');
  const focused = document.activeElement?.id;
  const me = state.me;
  const assignees = [option('', t('list.filter.anyone'), filters.assignee), option('me', t('list.filter.me'), filters.assignee),
    option('none', t('list.filter.nobody'), filters.assignee),
    ...operators.filter((o) => !o.disabled && o.operatorId !== me?.operatorId)
      .map((o) => option(o.operatorId, o.displayName || o.login, filters.assignee))];
  const search = el('input', {
    id: 'list-search', type: 'search', value: filters.q, autocomplete: 'off',
    'data-i18n-placeholder': 'list.search.placeholder', 'data-i18n-aria-label': 'list.search.label',
    oninput: (e) => changed('q', e.target.value, true),
  });
  const label = el('input', {
    id: 'list-label', type: 'text', value: filters.label, list: 'list-labels', autocomplete: 'off',
    'data-i18n-placeholder': 'list.filter.labelPlaceholder', 'data-i18n-aria-label': 'list.filter.label',
    oninput: (e) => changed('label', e.target.value, true),
  });
  box.replaceChildren(
    el('div', { class: 'list-search-row' }, search,
      el('button', { type: 'button', id: 'list-shortcuts-button', class: 'list-help-button', 'data-i18n-title': 'list.keys.button',
        'data-i18n-aria-label': 'list.keys.button', onclick: () => emit('shortcutsHelp') }, '?')),
    el('div', { class: 'list-filter-row' },
      select('channel', 'list.filter.channel', [option('', t('list.filter.any'), filters.channel),
        ...CHANNELS.map((c) => option(c, t(`list.channel.${c}`), filters.channel))]),
      select('team', 'list.filter.team', [option('', t('list.filter.any'), filters.team), option('none', t('list.filter.noTeam'), filters.team),
        ...[...state.teams].map(([key, name]) => option(key, name, filters.team))]),
      select('assignee', 'list.filter.assignee', assignees),
      el('label', { class: 'list-filter' }, el('span', { class: 'list-filter-label' }, t('list.filter.label')), label,
        el('datalist', { id: 'list-labels' }, [...labelsSeen].sort().map((l) => el('option', { value: l })))),
      select('sort', 'list.sort.label', [option('', t('list.sort.default'), filters.sort),
        ...SORTS.map((s) => option(s, t(`list.sort.${s}`), filters.sort))]),
      el('button', { type: 'button', id: 'list-clear', class: 'list-clear', hidden: !filtersActive() && !filters.sort,
        onclick: () => { filters = empty(); renderFilters(); emit('listFilters'); } }, t('list.filter.clear'))),
  );
  $('list-assignee').disabled = state.tab === 'mine';
  applyStaticTexts(box);
  if (focused && $(focused) && box.contains($(focused))) {
    const input = $(focused);
    input.focus();
    if (input.setSelectionRange && typeof input.value === 'string') input.setSelectionRange(input.value.length, input.value.length);
  }
}

/** Supervisors (and admins) may read every operator; operators filter by me or nobody. */
async function loadOperators() {
  operators = [];
  if (!state.me || state.me.role === 'operator') return;
  const epoch = state.epoch;
  try {
    const list = await api('GET', '/api/v1/operators');
    if (epoch !== state.epoch) return;
    operators = (list || []).slice().sort((a, b) => (a.displayName || a.login).localeCompare(b.displayName || b.login));
    renderFilters();
  } catch { /* me and nobody remain */ }
}

on('started', () => { renderFilters(); loadOperators(); });
on('language', () => { if (state.me) renderFilters(); });
on('teams', () => { if (state.me) renderFilters(); });
on('listFilters', () => { const clear = $('list-clear'); if (clear) clear.hidden = !filtersActive() && !filters.sort; });
on('queueRendered', (page) => {
  let grew = false;
  for (const { conversation } of page.items) {
    for (const l of conversation.labels || []) if (!labelsSeen.has(l)) { labelsSeen.add(l); grew = true; }
  }
  const list = $('list-labels');
  if (grew && list) list.replaceChildren(...[...labelsSeen].sort().map((l) => el('option', { value: l })));
});
on('tab', () => { const a = $('list-assignee'); if (a) a.disabled = state.tab === 'mine'; });
on('logout', () => {
  clearTimeout(typingTimer);
  filters = empty();
  operators = [];
  labelsSeen.clear();
  $('list-filters').replaceChildren();
});
