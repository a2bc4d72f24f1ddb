// Aging report and per-account history (GET /api/dashboard/aging, GET /api/accounts/:unit/history):
// the ledger's buckets (click one to list its accounts), the accounts in arrears most overdue first,
// and the history of the account clicked, as evidence, with its CSV and printable page.
const DLAging = (() => {
  const root = document.getElementById('aging');
  if (!root) return null;
  const el = DL.el;
  const bucketsBox = document.getElementById('aging-buckets');
  const accountsBox = document.getElementById('aging-accounts');
  const historyBox = document.getElementById('aging-history');
  const error = document.getElementById('aging-error');
  let bucket = '';

  // The history renderer is shared with the printable page; load it once.
  const historyReady = typeof DLHistory !== 'undefined' ? Promise.resolve() : new Promise((ok, fail) => {
    const s = document.createElement('script');
    s.src = '/static/dashboard/history.js';
    s.onload = ok;
    s.onerror = () => fail(new Error('could not load history.js'));
    document.head.append(s);
  });

  function renderBuckets(r) {
    const row = (label, l, clickable) => {
      const tr = el('tr', { class: clickable ? 'clickable' + (bucket === label ? ' selected' : '') : '', 'data-bucket': label },
        el('td', {}, label), el('td', { class: 'num' }, l.accounts), el('td', { class: 'num' }, DL.money(l.residential)),
        el('td', { class: 'num' }, DL.money(l.commercial)), el('td', { class: 'num' }, DL.money(l.owed)), el('td', { class: 'num' }, DL.money(l.provision)));
      if (clickable) tr.addEventListener('click', () => { bucket = bucket === label ? '' : label; refresh(); });
      return tr;
    };
    bucketsBox.replaceChildren(el('div', { class: 'scroll' }, el('table', {},
      el('thead', {}, el('tr', {}, ...['Bucket', 'Accounts', 'Residential', 'Commercial', 'Owed', 'Provision'].map((h, i) => el('th', { class: i ? 'num' : '' }, h)))),
      el('tbody', {}, ...r.buckets.map(b => row(b.bucket, b, true)), row('total', r.total, false)))),
      el('p', { class: 'muted small' }, 'As of ' + r.as_of + '. Click a bucket to list only its accounts.'));
  }

  function renderAccounts(r) {
    const title = (r.bucket ? 'Accounts in ' + r.bucket : 'Accounts in arrears') + ': ' + r.listed
      + (r.listed < r.accounts_in_arrears ? ' of ' + r.accounts_in_arrears + ', most overdue first' : '');
    const rows = r.accounts.map(a => {
      const tr = el('tr', { class: 'clickable', 'data-unit': a.unit },
        el('td', {}, el('a', { class: 'unit', href: '/accounts/' + encodeURIComponent(a.unit) }, a.unit)),
        el('td', {}, a.party || ''), el('td', {}, a.phone || ''), el('td', { class: 'num' }, DL.money(a.balance)),
        el('td', { class: 'num' }, a.days_past_due), el('td', {}, a.bucket), el('td', {}, a.class + (a.grade ? ' / ' + a.grade : '')));
      tr.addEventListener('click', (e) => { e.preventDefault(); open(a.unit, tr); });
      return tr;
    });
    accountsBox.replaceChildren(el('h3', { class: 'small' }, title), el('div', { class: 'scroll' }, el('table', { id: 'aging-table' },
      el('thead', {}, el('tr', {}, ...['Unit', 'Party', 'Phone', 'Owed', 'Days', 'Bucket', 'Class / grade'].map((h, i) => el('th', { class: i === 3 || i === 4 ? 'num' : '' }, h)))),
      el('tbody', {}, ...rows))));
  }

  async function open(unit, tr) {
    accountsBox.querySelectorAll('tr.selected').forEach(x => x.classList.remove('selected'));
    if (tr) tr.classList.add('selected');
    try {
      await historyReady;
      historyBox.replaceChildren(el('h3', {}, 'History of ' + unit), el('div', { id: 'aging-history-body' }));
      await DLHistory.load(document.getElementById('aging-history-body'), unit);
      historyBox.scrollIntoView({ behavior: 'smooth', block: 'start' });
    } catch (e) {
      historyBox.replaceChildren(el('p', { class: 'error' }, e.message));
    }
  }

  async function refresh() {
    try {
      const r = await DL.api('/api/dashboard/aging' + (bucket ? '?bucket=' + encodeURIComponent(bucket) : ''));
      renderBuckets(r);
      renderAccounts(r);
      error.textContent = '';
    } catch (e) {
      error.textContent = 'Aging report unavailable: ' + e.message;
    }
  }

  refresh();
  return { refresh, open };
})();
