// Renders an account's history (GET /api/accounts/:unit/history) as evidence: account, parties,
// every contact with its transcript and recording link, promises, plans, holds, consents, payments,
// hand-offs and audit entries. Used by the aging view and the printable page /accounts/:unit.
const DLHistory = (() => {
  const el = DL.el;
  const when = (iso) => iso ? new Date(iso).toLocaleString() : '';

  function table(headers, rows) {
    if (!rows.length) return el('p', { class: 'muted' }, 'None.');
    return el('div', { class: 'scroll' }, el('table', {},
      el('thead', {}, el('tr', {}, ...headers.map(h => el('th', {}, h)))),
      el('tbody', {}, ...rows.map(r => el('tr', {}, ...r.map(c => el('td', {}, c)))))));
  }

  function contact(a) {
    const meta = [when(a.started_at), a.channel, a.phone, a.campaign && ('campaign ' + a.campaign + ' · ' + a.rung),
      a.track && ('track ' + a.track + (a.variant ? ' ' + a.variant : '')), a.amd && ('AMD ' + a.amd)].filter(Boolean).join(' · ');
    const box = el('div', { class: 'contact', 'data-attempt': a.id },
      el('div', {}, el('b', {}, 'Contact #' + a.id + ' '), el('span', { class: 'pill' }, a.disposition || (a.ended_at ? 'ended' : 'in progress')),
        a.recording ? el('span', {}, ' ', el('a', { href: a.recording, class: 'recording' }, 'recording')) : ''),
      el('div', { class: 'meta' }, meta),
      a.error ? el('div', { class: 'error' }, a.error) : '');
    if (a.turns.length) {
      box.append(el('div', { class: 'transcript' }, ...a.turns.map(t => el('p', { class: t.speaker },
        el('b', {}, t.speaker + ': '), t.text,
        t.intent ? el('span', { class: 'intent' }, '  [' + t.intent + (t.score != null ? ' ' + t.score.toFixed(2) : '') + ']') : ''))));
    } else {
      box.append(el('p', { class: 'muted' }, 'No transcript.'));
    }
    return box;
  }

  function render(container, h, opts = {}) {
    const a = h.account;
    container.replaceChildren();
    const root = el('div', { class: 'history' });
    root.append(
      el('div', { class: 'stats' },
        stat(DL.money(a.balance), 'owed'), stat(a.days_past_due, 'days past due'), stat(a.bucket, 'bucket'),
        stat(a.class + (a.grade ? ' / ' + a.grade : ''), 'class / grade'), stat(a.commercial ? 'commercial' : 'residential', 'kind'),
        stat(a.last_payment_on || '—', 'last payment')),
      opts.links === false ? (h.phones_masked ? el('p', { class: 'muted' }, 'Phone numbers masked for your role.') : '') : el('p', { class: 'no-print' },
        el('a', { href: '/accounts/' + encodeURIComponent(h.unit), class: 'printable' }, 'Printable page'), ' · ',
        el('a', { href: '/api/accounts/' + encodeURIComponent(h.unit) + '/history.csv', class: 'csv' }, 'CSV'),
        h.phones_masked ? el('span', { class: 'muted' }, ' · phone numbers masked for your role') : ''),
      el('h3', {}, 'Parties'),
      table(['Name', 'Role', 'Language', 'Phones'], h.parties.map(p => [p.name + (p.primary ? ' (primary)' : ''), p.role, p.language,
        p.phones.map(x => x.phone + (x.status !== 'ok' ? ' (' + x.status + ')' : '') + ' ' + x.timezone).join(', ')])),
      el('h3', {}, 'Contacts (' + h.attempts.length + ')'),
      ...(h.attempts.length ? h.attempts.slice().reverse().map(contact) : [el('p', { class: 'muted' }, 'No contacts yet.')]),
      el('h3', {}, 'Promises'),
      table(['Made', 'Amount', 'By', 'Status', 'Contact'], h.promises.map(p => [when(p.created_at), DL.money(p.amount), p.promised_for, p.status, p.attempt_id ? '#' + p.attempt_id : ''])),
      el('h3', {}, 'Plans'),
      table(['Made', 'Total', 'Instalments', 'Late fees waived', 'Status'], h.plans.map(p => [when(p.created_at), DL.money(p.total), p.instalments, p.late_fee_waiver_pct + ' %', p.status])),
      el('h3', {}, 'Holds'),
      table(['From', 'Until', 'Kind', 'Reason', 'By'], h.holds.map(x => [when(x.starts_at), x.ends_at ? when(x.ends_at) : 'open', x.kind, x.reason, x.created_by])),
      el('h3', {}, 'Consents and opt-outs'),
      table(['Recorded', 'Kind', 'Channel', 'Phone', 'Evidence', 'Source'], h.consents.map(c => [when(c.recorded_at), c.kind + (c.revoked_at ? ' (revoked)' : ''), c.channel, c.phone, c.evidence, c.source])),
      el('h3', {}, 'Payments'),
      table(['Received', 'Amount', 'Reference'], h.payments.map(p => [p.paid_on, DL.money(p.amount), p.ref])),
      el('h3', {}, 'Hand-offs'),
      table(['Opened', 'Reason', 'Status', 'Agent', 'Summary'], h.handoffs.map(x => [when(x.created_at), x.reason, x.status, x.agent || '', x.summary || ''])),
      el('h3', {}, 'Audit trail'),
      table(['At', 'Actor', 'Action', 'On', 'Details'], h.audit.map(x => [when(x.at), x.actor, x.action, x.entity + ' ' + (x.entity_id || ''), JSON.stringify(x.details)])));
    container.append(root);
  }

  function stat(value, label) {
    return el('div', { class: 'stat' }, el('b', {}, value == null ? '' : String(value)), el('span', {}, label));
  }

  async function load(container, unit, opts = {}) {
    container.replaceChildren(el('p', { class: 'muted' }, 'Loading ' + unit + '…'));
    try {
      render(container, await DL.api('/api/accounts/' + encodeURIComponent(unit) + '/history'), opts);
    } catch (e) {
      container.replaceChildren(el('p', { class: 'error' }, 'Could not load the history of ' + unit + ': ' + e.message));
    }
  }

  return { render, load, stat };
})();
