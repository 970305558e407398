/* Harbour Case Notes' page script: tracks unsaved edits and saves the
 * consultation with XMLHttpRequest, the way an older notes system does. The
 * extension has to coexist with its input listeners and its Save button. */
(function () {
  'use strict';

  var dirty = false;
  var busy = false;

  function editor() {
    return document.querySelector('[data-cn-editor]');
  }

  function field(name) {
    var root = editor();
    return root ? root.querySelector('[data-cn-field="' + name + '"]') : null;
  }

  function setState(text, kind) {
    var el = document.querySelector('[data-cn-state]');
    if (!el) return;
    el.textContent = text;
    el.className = 'cn-state' + (kind ? ' cn-state-' + kind : '');
  }

  function markDirty(ev) {
    if (!ev.target || !ev.target.closest || !ev.target.closest('[data-cn-field]')) return;
    if (!dirty) setState('Unsaved changes', 'dirty');
    dirty = true;
  }

  function save(button) {
    var root = editor();
    if (!root || busy) return;
    var body = {
      consultationNote: field('consultation-note').value,
      handover: field('handover').value,
      returnOn: field('return-on').value,
      riskFlag: field('risk-flag').value,
    };
    busy = true;
    button.disabled = true;
    setState('Saving…', 'busy');
    var xhr = new XMLHttpRequest();
    xhr.open('POST', '/casenotes/api/consultations/' + encodeURIComponent(root.getAttribute('data-cn-consultation')));
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.onload = function () {
      var data = {};
      try {
        data = JSON.parse(xhr.responseText);
      } catch (e) {
        /* keep {} */
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        dirty = false;
        setState('Saved at ' + new Date().toTimeString().slice(0, 8), 'ok');
      } else {
        setState(data.error || 'Could not save (HTTP ' + xhr.status + ')', 'error');
      }
      busy = false;
      button.disabled = false;
    };
    xhr.onerror = function () {
      setState('Could not reach the server. Your text is still here.', 'error');
      busy = false;
      button.disabled = false;
    };
    xhr.send(JSON.stringify(body));
  }

  document.addEventListener('input', markDirty);
  document.addEventListener('change', markDirty);
  document.addEventListener('click', function (ev) {
    var button = ev.target && ev.target.closest ? ev.target.closest('[data-cn-action="save"]') : null;
    if (!button) return;
    ev.preventDefault();
    save(button);
  });
})();
