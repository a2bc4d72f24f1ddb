// Call QA on the supervisor page: every finished call's verdict as it arrives on the live stream
// (`qa` events, and the board's latest verdicts in the snapshot), failing calls flagged red with the
// rules they broke, and the week's totals from GET /api/qa/report (refreshed every 30 s).
const DLQa = (() => {
  const root = document.getElementById('qa');
  if (!root) return null;
  const el = DL.el;
  const verdicts = new Map();   // attempt id -> verdict
  const body = document.getElementById('qa-table').tBodies[0];

  function pill(f) {
    return el('span', { class: 'pill ' + (f.severity === 'minor' ? 'warn' : 'bad'), title: f.evidence + (f.turn == null ? '' : ' (turn ' + f.turn + ')') }, f.rule);
  }

  function row(v) {
    const rules = [];
    const seen = new Set();
    for (const f of v.findings || []) { if (!seen.has(f.rule)) { seen.add(f.rule); rules.push(pill(f), ' '); } }
    return el('tr', { id: 'qa-' + v.id, class: 'qa-row ' + (v.passed ? 'qa-pass' : 'qa-fail'), 'data-id': v.id },
      el('td', {}, v.unit || ''), el('td', {}, v.track || ''),
      el('td', { class: 'num' }, v.score),
      el('td', {}, el('span', { class: 'pill ' + (v.passed ? 'ok' : 'bad'),
        title: v.source === 'recording' ? "with the person's part of the call heard from its recording" : 'from the live transcript' },
        v.passed ? 'pass' : 'FLAGGED')),
      el('td', {}, ...rules),
      el('td', {}, el('a', { href: '/api/recordings/' + v.id, target: '_blank' }, 'recording')));
  }

  function render() {
    const list = [...verdicts.values()].sort((a, b) => (a.passed - b.passed) || (b.checked_at || 0) - (a.checked_at || 0)).slice(0, 50);
    body.replaceChildren(...list.map(row));
    document.getElementById('qa-empty').classList.toggle('hidden', list.length > 0);
    document.getElementById('qa-flagged').textContent = list.filter(v => !v.passed).length + ' flagged';
  }

  /** One verdict from the live stream. */
  let totalsDue = null;
  function add(v) { verdicts.set(v.id, v); render(); clearTimeout(totalsDue); totalsDue = setTimeout(totals, 1000); }
  /** The board's latest verdicts, from the stream's snapshot. */
  function snapshot(list) { for (const v of list || []) verdicts.set(v.id, v); render(); }

  async function totals() {
    try {
      const r = await DL.api('/api/qa/report?limit=1');
      document.getElementById('qa-summary').textContent = r.checked + ' calls checked in 7 days · ' + r.passed + ' passed · '
        + r.failed + ' failed · mean score ' + r.mean_score;
    } catch (e) { document.getElementById('qa-summary').textContent = e.message; }
  }
  totals();
  setInterval(totals, 30000);
  return { add, snapshot, totals };
})();
