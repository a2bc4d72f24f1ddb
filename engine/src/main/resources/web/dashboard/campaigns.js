// Campaigns card: every campaign's figures and the dialer's pacing (GET /api/dashboard/campaigns,
// polled every 5 s and on the event stream's `campaign` events when the page forwards them), with
// pause / resume / stop through POST /api/campaigns/:id/:action (stop asks first).
const DLCampaigns = (() => {
  const root = document.getElementById('campaigns');
  if (!root) return null;
  const el = DL.el;
  const pacingBox = document.getElementById('pacing');
  const list = document.getElementById('campaign-list');
  const error = document.getElementById('campaigns-error');
  const updated = document.getElementById('campaigns-updated');
  let timer = null;

  const stat = (value, label, title) => el('div', { class: 'stat', title: title || '' }, el('b', {}, String(value)), el('span', {}, label));
  const fmtReasons = (o) => Object.entries(o).map(([k, v]) => k + ' ' + v).join(' · ');

  function renderPacing(p) {
    pacingBox.replaceChildren(
      stat(p.cps, 'CPS allowed', 'calls per second the carrier account allows (carrier.cps)'),
      stat(p.channels_in_use + ' / ' + p.channels, 'channels in use', 'contacts claimed or in progress, against dialer.channels per node'),
      stat(p.dialed_per_second.toFixed(2), 'dialed / s (last min)', 'contacts started in the last 60 s, per second'),
      stat(DL.pct(p.dial_level), 'dial level', 'dialed per second over the CPS allowed: how much of the pacing budget is used'));
  }

  function controls(c) {
    const act = (action) => async () => {
      if (action === 'stop' && !window.confirm('Stop campaign "' + c.id + '"? Its pending contacts are cancelled; a stopped campaign cannot be resumed.')) return;
      try {
        await DL.api('/api/campaigns/' + encodeURIComponent(c.id) + '/' + action, { method: 'POST', body: {} });
        error.textContent = '';
      } catch (e) {
        error.textContent = c.id + ': ' + e.message;
      }
      refresh();
    };
    const box = el('span', { class: 'controls' });
    if (c.status === 'running') box.append(el('button', { onclick: act('pause'), 'data-action': 'pause' }, 'Pause'));
    if (c.status === 'paused') box.append(el('button', { class: 'primary', onclick: act('resume'), 'data-action': 'resume' }, 'Resume'));
    if (c.status !== 'stopped') box.append(el('button', { class: 'danger', onclick: act('stop'), 'data-action': 'stop' }, 'Stop'));
    return box;
  }

  function renderCampaign(c) {
    const cls = c.status === 'running' ? 'ok' : c.status === 'paused' ? 'warn' : c.status === 'stopped' ? 'bad' : '';
    return el('div', { class: 'campaign', 'data-campaign': c.id },
      el('h3', {}, c.id, el('span', { class: 'pill ' + cls, 'data-status': c.status }, c.status), controls(c)),
      el('div', { class: 'stats' },
        stat(c.dialed, 'dialed', 'calls placed'),
        stat(c.answered, 'answered', 'calls picked up (a person or an answering machine)'),
        stat(c.right_party_contacts, 'right-party contacts', 'contacts where the party was spoken with'),
        stat(c.promises.count + ' · ' + DL.money(c.promises.amount), 'promises · amount'),
        stat(c.plans, 'plans'),
        stat(c.opt_outs, 'opt-outs'),
        stat(c.blocked_accounts, 'blocked by policy', 'accounts whose next contact the contact policy holds back now'),
        stat(c.in_retry, 'in retry', 'accounts waiting for a retry after a contact that reached no one'),
        stat(c.in_flight, 'in progress'),
        stat(c.messages, 'SMS sent'),
        stat(c.letters, 'letters')),
      Object.keys(c.blocked).length ? el('div', { class: 'reasons' }, 'Blocked by: ' + fmtReasons(c.blocked)) : '',
      Object.keys(c.refused_at_dial).length ? el('div', { class: 'reasons' }, 'Refused at dialing: ' + fmtReasons(c.refused_at_dial)) : '');
  }

  async function refresh() {
    try {
      const s = await DL.api('/api/dashboard/campaigns');
      renderPacing(s.pacing);
      list.replaceChildren(...(s.campaigns.length ? s.campaigns.map(renderCampaign)
        : [el('p', { class: 'muted' }, 'No campaigns yet: create one with `duesline campaign create standard`.')]));
      updated.textContent = 'updated ' + new Date().toLocaleTimeString();
      error.classList.toggle('hidden', !error.textContent);
    } catch (e) {
      error.textContent = 'Campaign figures unavailable: ' + e.message;
      error.classList.remove('hidden');
    }
  }

  refresh();
  timer = setInterval(refresh, 5000);
  return { refresh, stop: () => clearInterval(timer) };
})();
