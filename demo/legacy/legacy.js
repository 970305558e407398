// Hollybrook EHR's page script: starts the widget libraries on the working
// screens (select2, Chosen, Tom Select, flatpickr, jQuery UI datepicker,
// TinyMCE, a contenteditable note) and wires the save shortcut. Written the way
// a jQuery-era portal is: globals, one init per page kind. When every widget
// has started, <html data-widgets-ready="1"> is set (tests wait on it).
(function () {
  'use strict';

  var page = document.body.getAttribute('data-page');

  // Alt+S, or Ctrl/Cmd+Enter, saves the form (also inside the editor's iframe).
  function isSaveShortcut(event) {
    if (event.altKey && !event.ctrlKey && (event.code === 'KeyS' || event.key === 's' || event.key === 'S')) return true;
    return (event.ctrlKey || event.metaKey) && event.key === 'Enter';
  }

  function markReady() {
    document.documentElement.setAttribute('data-widgets-ready', '1');
  }

  // The portal's own date format, DD/MM/YYYY HH:mm (flatpickr tokens).
  function datetimePicker(selector) {
    return window.flatpickr(selector, {
      enableTime: true,
      time_24hr: true,
      minuteIncrement: 5,
      dateFormat: 'd/m/Y H:i',
      altInput: true,
      altFormat: 'D j M Y, H:i',
      allowInput: false,
    });
  }

  function initEncounter() {
    var form = document.getElementById('encounter-form');
    var $ = window.jQuery;

    $('#attendance').select2({ width: '360px', placeholder: '-- select --', allowClear: true });
    $('#contact-method').chosen({ width: '300px', allow_single_deselect: true, disable_search_threshold: 4 });
    new window.TomSelect('#reminder-channel', { allowEmptyOption: true, create: false, maxOptions: null });
    datetimePicker('#informed-at');
    datetimePicker('#next-session');
    $('#recontact-by').datepicker({ dateFormat: 'dd/mm/yy', firstDay: 1, changeMonth: true, changeYear: true });

    // The classic EHR save: copy the editor into its textarea, then submit
    // the form directly (form.submit() fires no submit event).
    function saveNow() {
      window.tinymce.triggerSave();
      form.submit();
    }
    form.addEventListener('submit', function () {
      window.tinymce.triggerSave();
    });
    document.getElementById('save-return').addEventListener('click', function (event) {
      event.preventDefault();
      document.getElementById('next-page').value = 'caseload';
      form.requestSubmit();
    });
    document.addEventListener('keydown', function (event) {
      if (!isSaveShortcut(event)) return;
      event.preventDefault();
      saveNow();
    });
    // "Quick save" acts the moment it is pressed (mousedown), as some toolbars do, not on click.
    document.getElementById('quick-save').addEventListener('mousedown', function (event) {
      if (event.button !== 0) return;
      event.preventDefault();
      saveNow();
    });
    // The signing bar is a web component: its "Sign and save" button lives in an open shadow root.
    defineSignBar();

    window.tinymce
      .init({
        selector: '#clinical-note',
        license_key: 'gpl',
        base_url: '/legacy/vendor/tinymce',
        suffix: '.min',
        menubar: false,
        statusbar: false,
        promotion: false,
        branding: false,
        plugins: 'lists',
        toolbar: 'undo redo | bold italic | bullist numlist',
        height: 300,
        setup: function (editor) {
          editor.on('keydown', function (event) {
            if (!isSaveShortcut(event)) return;
            event.preventDefault();
            saveNow();
          });
        },
      })
      .then(markReady);
  }

  function initHandover() {
    var form = document.getElementById('handover-form');
    var editable = document.getElementById('handover-note');
    var hidden = document.getElementById('handover-note-value');
    var $ = window.jQuery;

    new window.TomSelect('#goal', { allowEmptyOption: true, create: false, maxOptions: null });
    $('#return-on').datepicker({ dateFormat: 'dd/mm/yy', firstDay: 1, changeMonth: true, changeYear: true });
    // New lines become paragraphs, as in the stored notes.
    document.execCommand('defaultParagraphSeparator', false, 'p');

    form.addEventListener('submit', function () {
      hidden.value = editable.innerHTML;
    });
    document.addEventListener('keydown', function (event) {
      if (!isSaveShortcut(event)) return;
      event.preventDefault();
      form.requestSubmit();
    });
    markReady();
  }

  function defineSignBar() {
    if (window.customElements.get('hb-sign-bar')) return;
    window.customElements.define(
      'hb-sign-bar',
      class extends HTMLElement {
        connectedCallback() {
          if (this.shadowRoot) return;
          var root = this.attachShadow({ mode: 'open' });
          var button = document.createElement('button');
          button.type = 'button';
          button.id = 'sign-save';
          button.textContent = 'Sign and save';
          var host = this;
          button.addEventListener('click', function () {
            var form = host.closest('form');
            document.getElementById('next-page').value = '';
            form.requestSubmit();
          });
          root.appendChild(button);
        }
      },
    );
  }

  if (page === 'encounter') initEncounter();
  else if (page === 'handover') initHandover();
  else markReady();
})();
