// Team names for the list and the header (any operator may read them); without them the key is shown.
import { api } from './api.js';
import { emit } from './bus.js';
import { state } from './state.js';

export async function loadTeams() {
  try {
    const teams = await api('GET', '/api/v1/teams');
    state.teams = new Map((teams || []).map((team) => [team.key, team.name]));
    emit('teams');
  } catch { /* the keys are shown */ }
}

export const teamName = (key) => state.teams.get(key) || key;
