// The payer's checkout page (/pay/TOKEN): shows what the signed link asks for and pays it. With the
// local provider the card is charged here; with a hosted provider (Stripe) the payer is sent to its page.
(() => {
  const $ = (id) => document.getElementById(id);
  const token = location.pathname.split('/').pop();
  const api = '/api/pay/' + encodeURIComponent(token);
  const money = (a) => Number(a).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const show = (id, on) => $(id).classList.toggle('hidden', !on);
  let waited = 0;

  function paid(unit, amount) {
    $('pay-title').textContent = 'Unit ' + unit;
    $('pay-amount').textContent = money(amount);
    $('pay-done').textContent = 'Paid, thank you. Your account is updated and you will not be contacted about this amount.';
    show('pay-done', true);
    show('pay-form', false);
    $('pay-error').textContent = '';
  }

  async function load() {
    const r = await fetch(api);
    const body = await r.json().catch(() => ({}));
    if (r.status === 409) return paid(body.unit, body.amount);
    if (!r.ok) {
      $('pay-title').textContent = 'This link cannot be used';
      $('pay-error').textContent = (body.problems || ['error ' + r.status]).join('; ');
      return;
    }
    $('pay-title').textContent = 'Unit ' + body.unit;
    $('pay-amount').textContent = money(body.amount);
    $('pay-expires').textContent = 'This link works once and expires ' + new Date(body.expires).toLocaleString() + '.';
    if (body.provider === 'local') {
      show('pay-form', true);
      return;
    }
    if (new URLSearchParams(location.search).has('paid')) {
      // Back from the provider's page: its confirmation (the webhook) may be a moment behind; wait for it, never pay twice.
      $('pay-expires').textContent = 'Confirming your payment…';
      if ((waited += 1) <= 30) setTimeout(load, 2000);
      else $('pay-error').textContent = 'Your payment is being confirmed; you can close this page.';
      return;
    }
    const c = await fetch(api + '/checkout', { method: 'POST' });
    const where = await c.json().catch(() => ({}));
    if (c.ok && where.url) location.href = where.url;
    else $('pay-error').textContent = (where.problems || ['the payment page is not available']).join('; ');
  }

  $('pay-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('pay-button').disabled = true;
    $('pay-error').textContent = '';
    try {
      const r = await fetch(api + '/charge', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ card: $('card').value }) });
      const body = await r.json().catch(() => ({}));
      if (r.ok) return paid(body.unit, body.amount);
      if (r.status === 402) $('pay-error').textContent = 'Your card was declined (' + body.declined.replace(/_/g, ' ') + '). Nothing was charged; try another card.';
      else if (r.status === 409) return load();
      else $('pay-error').textContent = (body.problems || ['error ' + r.status]).join('; ');
    } finally {
      $('pay-button').disabled = false;
    }
  });

  load();
})();
