/* Riverside Clinic's page script: the appointment form posts by itself when
 * scripts are off; with scripts it is sent as JSON and the page stays put.
 * It reads controls by name through form.elements, and sends only the
 * controls that are on the page, so a page missing one still saves the rest. */
(function () {
  'use strict';

  var FIELDS = ['outcome', 'notes', 'nextAppointment'];
  var sending = false;

  function status(form, text, state) {
    var el = form.querySelector('[data-rc="status"]');
    if (!el) return;
    el.textContent = text;
    el.setAttribute('data-state', state);
  }

  function clock() {
    var d = new Date();
    function pad(n) {
      return (n < 10 ? '0' : '') + n;
    }
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }

  function collect(form) {
    var body = {};
    for (var i = 0; i < FIELDS.length; i++) {
      var control = form.elements.namedItem(FIELDS[i]);
      if (control && 'value' in control) body[FIELDS[i]] = control.value;
    }
    return body;
  }

  document.addEventListener('input', function (ev) {
    var form = ev.target && ev.target.form;
    if (form && form.name === 'appointment-notes') status(form, 'Unsaved changes', 'dirty');
  });

  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (!form || form.name !== 'appointment-notes') return;
    ev.preventDefault();
    if (sending) return;
    sending = true;
    var button = form.querySelector('button[type="submit"]');
    if (button) button.disabled = true;
    status(form, 'Saving…', 'busy');
    fetch(form.getAttribute('action'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(collect(form)),
      credentials: 'same-origin',
    })
      .then(function (res) {
        return res
          .json()
          .catch(function () {
            return {};
          })
          .then(function (data) {
            if (!res.ok) throw new Error(data.error || 'Could not save (HTTP ' + res.status + ')');
            status(form, 'Notes saved at ' + clock(), 'saved');
          });
      })
      .catch(function (err) {
        status(form, err.message || 'Could not reach the clinic server. Your notes are still here.', 'error');
      })
      .then(function () {
        sending = false;
        if (button) button.disabled = false;
      });
  });
})();
