// The reply box's extras: the channel the reply goes to (a picker that starts on the customer's last channel) and the
// files sent with it (uploaded as soon as they are chosen, listed, removable). conversation.js sends the reply.
import { $, el, newGuid } from './dom.js';
import { t, tOr } from './i18n.js';
import { api } from './api.js';
import { on } from './bus.js';
import { state } from './state.js';

const MAX_UPLOAD_BYTES = 20 * 1024 * 1024; // the server's limit (AttachmentEndpoints.MaxUploadBytes)

// The channels that write to each kind of identity (IdentityKinds.WrittenToBy on the server).
const CHANNELS_FOR = { telegram: ['telegram'], vk: ['vk'], phone: ['whatsapp', 'sms'], email: ['email'], api: ['api'] };

let files = [];             // { key, name, size, status: 'uploading' | 'ready' | 'failed', attachmentId, error }
let filesFor = null;        // the conversation the files were chosen for
const chosen = new Map();   // conversationId -> the option the operator picked ("channel|identity")

/** Where a reply can go: first where the customer last wrote from (the default), then each identity by each channel that reaches it. */
function channelOptions() {
  const c = state.open.conversation;
  const customer = state.open.customer;
  const unreachable = customer?.unreachableOn || {};
  const options = [];
  const add = (channel, identity, last) => {
    if (options.some((o) => o.channel === channel && o.identity === identity)) return;
    options.push({ channel, identity, last, reason: unreachable[channel]?.[identity] });
  };
  if (c.lastInboundChannel && c.lastInboundIdentity) add(c.lastInboundChannel, c.lastInboundIdentity, true);
  for (const identity of customer?.identities || []) {
    const kind = String(identity).split(':')[0];
    for (const channel of CHANNELS_FOR[kind] || []) add(channel, String(identity), false);
  }
  return options;
}

const optionValue = (o) => `${o.channel}|${o.identity}`;

function renderChannel() {
  const select = $('reply-channel');
  const options = channelOptions();
  const picked = chosen.get(state.open.id);
  const value = options.some((o) => optionValue(o) === picked) ? picked : (options[0] ? optionValue(options[0]) : '');
  select.replaceChildren(...options.map((o) => el('option', {
    value: optionValue(o),
    dataset: { channel: o.channel, identity: o.identity },
    disabled: o.reason && !o.last ? 'disabled' : null,
  }, t(o.reason ? 'conversation.channel.unreachable' : o.last ? 'conversation.channel.last' : 'conversation.channel.option',
    { channel: tOr(`conversation.channelName.${o.channel}`, o.channel), identity: o.identity, reason: o.reason || '' }))));
  if (!options.length) select.append(el('option', { value: '' }, t('conversation.channel.none')));
  select.value = value;
  select.disabled = options.length < 2;
}

function renderFiles() {
  $('reply-files').replaceChildren(...files.map((f) => el('li', { class: `reply-file ${f.status}`, dataset: { status: f.status } },
    el('span', { class: 'file-name' }, f.name),
    ' ', el('span', { class: 'muted' }, `(${fileSize(f.size)})`),
    f.status === 'uploading' ? el('span', { class: 'muted' }, ' ', t('conversation.upload.uploading')) : null,
    f.status === 'failed' ? el('span', { class: 'error file-error', role: 'alert' }, ' ', f.error) : null,
    el('button', {
      type: 'button', class: 'remove', 'aria-label': t('conversation.upload.remove', { name: f.name }), title: t('conversation.upload.remove', { name: f.name }),
      onclick: () => { files = files.filter((x) => x !== f); renderFiles(); },
    }, '×'))));
}

/** A file size for people: "900 B", "12 KB", "3.4 MB". */
export function fileSize(bytes) {
  const n = Number(bytes) || 0;
  if (n < 1024) return t('conversation.size.bytes', { n });
  if (n < 1024 * 1024) return t('conversation.size.kb', { n: Math.round(n / 1024) });
  return t('conversation.size.mb', { n: (n / 1024 / 1024).toFixed(1) });
}

/** Uploads a chosen file at once (POST /api/v1/attachments); a refusal (too big, a type the server refuses) is shown next to it. */
async function addFile(file) {
  const item = { key: newGuid(), name: file.name, size: file.size, status: 'uploading' };
  const epoch = state.epoch;
  files.push(item);
  renderFiles();
  if (file.size > MAX_UPLOAD_BYTES) {
    item.status = 'failed';
    item.error = t('conversation.upload.tooBig', { max: MAX_UPLOAD_BYTES / 1024 / 1024 });
  } else {
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const info = await api('POST', '/api/v1/attachments', form);
      item.attachmentId = info.attachmentId;
      item.status = 'ready';
    } catch (error) {
      item.status = 'failed';
      item.error = t('conversation.upload.failed', { reason: error.message });
    }
  }
  if (epoch === state.epoch && files.includes(item)) renderFiles();
}

$('reply-attach').addEventListener('click', () => $('reply-file').click());
$('reply-file').addEventListener('change', () => {
  filesFor = state.open?.id ?? null;
  for (const file of $('reply-file').files) addFile(file);
  $('reply-file').value = '';
});
$('reply-channel').addEventListener('change', () => { if (state.open) chosen.set(state.open.id, $('reply-channel').value); });

/** What the reply carries besides its text; error when a file is still uploading. Without a picked channel: none (the server's default). */
export function replyExtras() {
  if (files.some((f) => f.status === 'uploading')) return { error: t('conversation.upload.wait') };
  const attachmentIds = files.filter((f) => f.status === 'ready').map((f) => f.attachmentId);
  const option = $('reply-channel').selectedOptions[0];
  const isDefault = !option || $('reply-channel').selectedIndex <= 0;
  return {
    attachmentIds,
    channel: isDefault ? undefined : option.dataset.channel,
    identity: isDefault ? undefined : option.dataset.identity,
  };
}

/** After a reply was sent: the files go (the channel picked stays for the conversation). */
export function clearReply() {
  files = [];
  renderFiles();
}

/** Draws the picker and the files for the open conversation (files chosen for another conversation are dropped). */
export function renderComposer() {
  if (!state.open) return;
  if (filesFor !== state.open.id) { files = []; filesFor = state.open.id; }
  renderChannel();
  renderFiles();
}

on('language', () => { if (state.open) renderComposer(); });
on('logout', () => {
  files = [];
  filesFor = null;
  chosen.clear();
  $('reply-files').replaceChildren();
  $('reply-channel').replaceChildren();
});
