// hearsay's page script: hover cards on highlighted statements and live
// search. Served as its own file (the Content-Security-Policy forbids inline
// script). Data from the ledger is untrusted: it is written only through
// textContent and never through innerHTML; links are built from numeric ids.
(function () {
  'use strict';

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function idPath(prefix, id) {
    var n = Number(id);
    return Number.isSafeInteger(n) ? prefix + String(n) : '#';
  }

  function speakerClass(id) {
    var n = Number(id);
    return Number.isSafeInteger(n) ? 'sp' + String(((n % 12) + 12) % 12) : 'sp-none';
  }

  // Hover cards: cue, relay, date and stance of a highlighted statement.
  var tip = document.getElementById('tip');
  var marks = document.querySelectorAll('mark.st');
  for (var i = 0; i < marks.length; i++) {
    // The card replaces the browser's own tooltip.
    marks[i].removeAttribute('title');
  }
  function showTip(mark, event) {
    if (!tip) { return; }
    while (tip.firstChild) { tip.removeChild(tip.firstChild); }
    tip.appendChild(el('strong', null, mark.getAttribute('data-speaker')));
    var rows = [['cue', 'data-cue'], ['relayed by', 'data-relay'], ['date', 'data-date'], ['stance', 'data-stance']];
    for (var r = 0; r < rows.length; r++) {
      var line = el('div', 'row');
      line.appendChild(el('span', 'key', rows[r][0] + ': '));
      line.appendChild(el('span', 'value', mark.getAttribute(rows[r][1])));
      tip.appendChild(line);
    }
    tip.hidden = false;
    tip.style.left = Math.min(event.pageX + 12, window.scrollX + window.innerWidth - 320) + 'px';
    tip.style.top = (event.pageY + 16) + 'px';
  }
  document.addEventListener('mouseover', function (event) {
    var mark = event.target && event.target.closest ? event.target.closest('mark.st') : null;
    if (mark) { showTip(mark, event); } else if (tip) { tip.hidden = true; }
  });

  // Live search: re-render the results block from the JSON API.
  var input = document.getElementById('q');
  var results = document.getElementById('results');
  function renderStatement(statement) {
    var item = el('li', 'event stance-' + statement.stance);
    if (statement.speaker) {
      var who = el('a', 'speaker ' + speakerClass(statement.speaker.id), statement.speaker.name);
      who.href = idPath('/entities/', statement.speaker.id);
      item.appendChild(who);
    } else {
      item.appendChild(el('span', 'speaker sp-none', statement.source || 'unnamed source'));
    }
    item.appendChild(document.createTextNode(' '));
    item.appendChild(el('time', null, statement.date || 'undated'));
    item.appendChild(document.createTextNode(' '));
    item.appendChild(el('span', 'badge stance-' + statement.stance, statement.stance));
    item.appendChild(document.createTextNode(' '));
    item.appendChild(el('q', null, statement.content));
    if (statement.cue) { item.appendChild(el('span', 'cue', ' (' + statement.cue + ')')); }
    if (statement.relayed_by && statement.relayed_by.length) {
      var names = statement.relayed_by.map(function (r) { return r.name; }).join(', ');
      item.appendChild(el('span', 'via', ' via ' + names));
    }
    if (statement.article && statement.article.outlet) {
      item.appendChild(el('span', 'outlet', ' in ' + statement.article.outlet));
    }
    item.appendChild(document.createTextNode(' '));
    var link = el('a', 'src', statement.article ? statement.article.key : 'article');
    link.href = idPath('/articles/', statement.article ? statement.article.id : null) + '#s' + String(Number(statement.id));
    item.appendChild(link);
    return item;
  }
  function render(data) {
    while (results.firstChild) { results.removeChild(results.firstChild); }
    if (data.entities && data.entities.length) {
      results.appendChild(el('h2', null, 'Speakers'));
      var list = el('ul', 'entities');
      data.entities.forEach(function (entity) {
        var item = el('li');
        var link = el('a', 'speaker ' + speakerClass(entity.id), entity.name);
        link.href = idPath('/entities/', entity.id);
        item.appendChild(link);
        if (entity.aliases && entity.aliases.length) {
          item.appendChild(el('span', 'aliases', ' (also ' + entity.aliases.join(', ') + ')'));
        }
        item.appendChild(el('span', 'count', ' ' + entity.statements + ' statements'));
        list.appendChild(item);
      });
      results.appendChild(list);
    }
    results.appendChild(el('h2', null, 'Statements'));
    results.appendChild(el('p', 'count', data.statements.length + ' found'));
    var ol = el('ol', 'statements');
    data.statements.forEach(function (statement) { ol.appendChild(renderStatement(statement)); });
    results.appendChild(ol);
    results.setAttribute('data-state', 'rendered');
  }
  var pending = null;
  var generation = 0;
  function search() {
    var words = input.value.trim();
    if (!words) { return; }
    var mine = ++generation;
    fetch('/api/search?q=' + encodeURIComponent(words), { headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data && mine === generation) { render(data); } })
      .catch(function () { results.setAttribute('data-state', 'error'); });
  }
  if (input && results) {
    input.addEventListener('input', function () {
      if (pending) { clearTimeout(pending); }
      pending = setTimeout(search, 250);
    });
    if (input.value.trim()) { search(); }
  }

  document.body.setAttribute('data-js', 'ready');
})();
