/* The portal's own page script, written the way a legacy portal would be:
 * one global IIFE, delegated handlers, fetch + innerHTML page swaps. The
 * extension has to coexist with exactly this kind of code. */
(function () {
  'use strict';

  var currentPath = location.pathname;
  var viewToken = 0;
  var saving = false;

  function byId(id) {
    return document.getElementById(id);
  }

  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }

  function showFlash(text, kind) {
    var el = byId('flash');
    if (!el) return;
    el.textContent = text;
    el.className = kind === 'ok' ? 'flash-ok' : 'flash-error';
  }

  function setButtonsDisabled(disabled) {
    var ids = ['save-session', 'save-close'];
    for (var i = 0; i < ids.length; i++) {
      var b = byId(ids[i]);
      if (b) b.disabled = disabled;
    }
  }

  function saveSession(thenClose) {
    var form = byId('session-form');
    if (!form || saving) return;
    var sessionId = form.getAttribute('data-session-id');
    var clientId = form.getAttribute('data-client-id');
    var body = {
      attendance: byId('attendance').value,
      clinicalNote: byId('clinical-note').value,
      nextSession: byId('next-session').value,
    };
    saving = true;
    setButtonsDisabled(true);
    fetch('/mpb/api/sessions/' + encodeURIComponent(sessionId), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    })
      .then(function (res) {
        return res.json().then(
          function (data) {
            return { res: res, data: data };
          },
          function () {
            return { res: res, data: {} };
          },
        );
      })
      .then(function (r) {
        if (!r.res.ok) {
          throw new Error(r.data && r.data.error ? r.data.error : 'Save failed (HTTP ' + r.res.status + ')');
        }
        var now = new Date();
        showFlash('Session saved at ' + pad(now.getHours()) + ':' + pad(now.getMinutes()) + '.', 'ok');
        if (thenClose) location.href = '/mpb/clients/' + encodeURIComponent(clientId);
      })
      .catch(function (err) {
        showFlash(err && err.message ? err.message : 'Save failed', 'error');
      })
      .then(function () {
        saving = false;
        setButtonsDisabled(false);
      });
  }

  // Swaps <main> for a server-rendered fragment, like the real portal's
  // "single page" navigation. Falls back to a full page load on any failure.
  function showView(fragmentUrl, path, push) {
    var token = ++viewToken;
    return fetch(fragmentUrl, { headers: { Accept: 'text/html' }, credentials: 'same-origin' })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.text();
      })
      .then(function (html) {
        if (token !== viewToken) return;
        var main = byId('content');
        main.innerHTML = html;
        var view = main.querySelector('.view');
        if (view && view.getAttribute('data-title')) {
          document.title = view.getAttribute('data-title') + ' - MPB';
        }
        if (push) history.pushState({ mpbPath: path }, '', path);
        currentPath = path;
        window.scrollTo(0, 0);
      })
      .catch(function () {
        if (token === viewToken) location.href = path;
      });
  }

  function viewUrlFor(path) {
    var m = /^\/mpb\/(clients|sessions)\/([^\/]+)$/.exec(path);
    return m ? '/mpb/api/' + m[1] + '/' + m[2] + '/view' : null;
  }

  document.addEventListener('click', function (ev) {
    var target = ev.target;
    if (!target || !target.closest) return;

    var button = target.closest('#save-session, #save-close');
    if (button && button.closest('#session-form')) {
      ev.preventDefault();
      saveSession(button.id === 'save-close');
      return;
    }

    var link = target.closest('a.session-link');
    if (!link || ev.defaultPrevented || ev.button !== 0) return;
    if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
    var path = link.pathname;
    var fragmentUrl = viewUrlFor(path);
    if (!fragmentUrl) return;
    ev.preventDefault();
    showView(fragmentUrl, path, true);
  });

  document.addEventListener('submit', function (ev) {
    if (!ev.target || ev.target.id !== 'session-form') return;
    ev.preventDefault();
    saveSession(false);
  });

  // The generated caseload's pager and filter box (demo/mpb/generated.mjs):
  // pages swap in place and the filter hides rows, both without a page load.
  document.addEventListener('click', function (ev) {
    var link = ev.target && ev.target.closest ? ev.target.closest('a.page-link') : null;
    if (!link || ev.defaultPrevented || ev.button !== 0) return;
    if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    var url = link.pathname + link.search;
    showView(url + (link.search ? '&' : '?') + 'view=1', url, true);
  });

  document.addEventListener('input', function (ev) {
    if (!ev.target || ev.target.id !== 'caseload-filter') return;
    var words = ev.target.value.toLowerCase().trim();
    var rows = document.querySelectorAll('#caseload tbody tr');
    for (var i = 0; i < rows.length; i++) {
      var hide = words !== '' && rows[i].textContent.toLowerCase().indexOf(words) === -1;
      if (rows[i].hidden !== hide) rows[i].hidden = hide;
    }
  });

  window.addEventListener('popstate', function () {
    var path = location.pathname;
    if (path === currentPath) return; // hash-only change
    var fragmentUrl = viewUrlFor(path);
    if (fragmentUrl) showView(fragmentUrl, path, false);
    else location.reload();
  });
})();
