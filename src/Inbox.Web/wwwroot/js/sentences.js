// The sentences of the timeline's event and call items, in the operator's language. The server writes them in English
// (the item's text); the console builds them again from the item's metadata (metadata.action, the names of the people
// involved) or its call, and falls back to the server's text for anything it does not know.
import { t, i18n, durationOf } from './i18n.js';
import { teamName } from './teams.js';

const at = (iso) => (iso ? new Date(iso).toLocaleString(i18n.lang, { dateStyle: 'short', timeStyle: 'short' }) : '');

/** The sentence of an event item (kind 'event'), or null when the console does not know how to say it. */
function eventSentence(m) {
  const d = m.metadata || {};
  const by = m.authorName || '';
  const holder = d.previousAssigneeName || '';
  const team = (key) => (key ? teamName(key) : '');
  switch (d.action) {
    case 'takeOver': return holder ? t('conversation.event.takeOver', { by, holder }) : null;
    case 'reassign': return holder && d.assigneeName ? t('conversation.event.reassign', { by, holder, to: d.assigneeName }) : null;
    case 'unassign': return holder ? t('conversation.event.unassign', { by, holder }) : null;
    case 'resolve': return holder ? t('conversation.event.resolve', { by, holder }) : null;
    case 'transfer':
      if (d.toTeam) return t('conversation.event.transferTeam', { by, team: team(d.toTeam), note: d.note || '' });
      return d.toOperatorName ? t('conversation.event.transferOperator', { by, to: d.toOperatorName, note: d.note || '' }) : null;
    case 'autoAssign': return d.assigneeName ? t('conversation.event.autoAssign', { name: d.assigneeName, team: team(d.team) }) : null;
    case 'assignmentExpired': return holder ? t('conversation.event.assignmentExpired', { name: holder }) : null;
    case 'slaAtRisk':
    case 'slaBreached': {
      const target = t(d.target === 'firstResponse' ? 'conversation.sla.firstResponse' : 'conversation.sla.resolution');
      return t(`conversation.event.${d.action}`, { target, due: at(d.dueAt) });
    }
    case 'outOfHours': return t('conversation.event.outOfHours');
    case 'csatRequested': return t('conversation.event.csatRequested', { channel: d.channel || '' });
    case 'csatRated': return t('conversation.event.csatRated', { rating: d.rating || '', channel: d.channel || '' });
    default: return null;
  }
}

/** The sentence of a call item from its call record (stage, caller, extension, talk time). */
function callSentence(call) {
  const caller = call.callerDisplay || '';
  const stage = String(call.stage || '').toLowerCase();
  if (stage === 'ringing') return t('conversation.call.ringing', { caller });
  if (stage === 'answered') {
    return call.agentExtension ? t('conversation.call.answeredAt', { caller, extension: call.agentExtension }) : t('conversation.call.answered', { caller });
  }
  if (stage === 'ended') {
    return call.missed ? t('conversation.call.missed', { caller }) : t('conversation.call.ended', { caller, duration: durationOf(call.talkSeconds || 0) });
  }
  return null;
}

/** The text to show for a timeline item: a translated sentence for events and calls, else the item's own text. */
export function itemText(m) {
  try {
    if (m.kind === 'event') return eventSentence(m) ?? m.text ?? '';
    if (m.kind === 'callEvent' && m.call) return callSentence(m.call) ?? m.text ?? '';
  } catch (error) {
    console.warn('sentence failed', error);
  }
  return m.text || '';
}
