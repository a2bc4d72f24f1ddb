// The account page's letters: preview any template for this unit as a PDF (rendered now, sent nowhere),
// and the letters the unit was sent, each with its SHA-256 and stored PDF.
(() => {
  const unit = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop());
  const u = encodeURIComponent(unit);
  const frame = document.getElementById('letter-preview');
  document.getElementById('letter-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const t = document.getElementById('letter-template').value;
    const l = document.getElementById('letter-lang').value;
    frame.src = '/api/letters/preview/' + u + '?template=' + encodeURIComponent(t) + (l ? '&lang=' + l : '');
    frame.hidden = false;
  });
  DL.api('/api/accounts/' + u + '/letters').then((j) => {
    const box = document.getElementById('letters-sent');
    if (!j.letters.length) { box.replaceChildren(DL.el('p', { class: 'muted' }, 'No letters sent yet.')); return; }
    const rows = j.letters.map((x) => DL.el('tr', {},
      DL.el('td', {}, x.created_at.slice(0, 10)), DL.el('td', {}, x.template + ' (' + x.lang + ')'),
      DL.el('td', {}, x.recipient + ': ' + x.recipient_name), DL.el('td', {}, x.delivery + ', ' + x.status),
      DL.el('td', {}, DL.money(x.balance)), DL.el('td', { class: 'mono', title: x.sha256 }, x.sha256.slice(0, 12) + '…'),
      DL.el('td', {}, DL.el('a', { href: x.pdf, target: '_blank' }, 'PDF'))));
    box.replaceChildren(DL.el('table', {}, DL.el('tr', {}, ...['date', 'letter', 'to', 'how', 'balance', 'sha256', ''].map((h) => DL.el('th', {}, h))), ...rows));
  }).catch((e) => { document.getElementById('letters-sent').textContent = e.message; });
})();
