// The Spork search page: plain JavaScript over the HTTP API of this origin (GET /search, GET /stats).
// Three modes: hybrid (SPLADE and BM25 fused, the default), splade, bm25; each hit shows the terms
// of both sides that matched it.
// Everything shown comes from the API and is inserted as text, never as HTML.
(() => {
  'use strict';

  const DEFAULT_K = '10';
  const DEFAULT_MODE = 'hybrid';
  const MODES = ['hybrid', 'splade', 'bm25'];
  const TERMS_SHOWN = 8;          // matched terms of a hit shown before "+N more"
  const QUERY_TERMS_SHOWN = 40;   // expansion terms shown before "+N more"

  const $ = (id) => document.getElementById(id);
  const form = $('search-form');
  const input = $('q');
  const kSelect = $('k');
  const modeSelect = $('mode');
  const results = $('results');
  const statusLine = $('status');
  const errorBox = $('error');
  const partialBox = $('partial');
  const expansion = $('expansion');
  const queryTermsList = $('query-terms');
  const pager = $('pager');
  const prevButton = $('prev');
  const nextButton = $('next');
  const pageInfo = $('page-info');
  const indexInfo = $('index-info');

  let current = { q: '', k: DEFAULT_K, offset: 0, mode: DEFAULT_MODE };
  let inFlight = null;   // the AbortController of the search under way
  let sequence = 0;      // answers to older searches are dropped

  // ---- helpers ---------------------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'class') node.className = value;
      else if (name === 'text') node.textContent = value;
      else if (name.startsWith('data-') || name.startsWith('aria-') || name === 'title' || name === 'role' || name === 'type' || name === 'style') node.setAttribute(name, value);
      else node[name] = value;
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function fmt(x, digits = 2) {
    return typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : '–';
  }

  function fmtMs(ms) {
    if (typeof ms !== 'number' || !Number.isFinite(ms)) return '';
    return ms < 10 ? ms.toFixed(1) + ' ms' : Math.round(ms) + ' ms';
  }

  function normalize(s) {
    return String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  function wordsOf(text) {
    return normalize(text).match(/[\p{L}\p{N}]+/gu) || [];
  }

  // Whether a model token (WordPiece: "weather", "##ing", "'") comes from the query text itself,
  // as opposed to a term the model added to expand the query.
  function occursInText(token, text, words) {
    const t = normalize(token);
    if (t.startsWith('##')) {
      const piece = t.slice(2);
      return piece.length > 0 && words.some((w) => w.indexOf(piece, 1) > 0);
    }
    if (!/[\p{L}\p{N}]/u.test(t)) return normalize(text).includes(t);
    return words.some((w) => w === t || (t.length >= 4 && w.startsWith(t)));
  }

  function plural(n, one, many) {
    return n + ' ' + (n === 1 ? one : many);
  }

  // ---- URL -------------------------------------------------------------------------------------

  function readUrl() {
    const params = new URLSearchParams(location.search);
    const offset = parseInt(params.get('offset') || '0', 10);
    const mode = params.get('mode');
    return {
      q: params.get('q') || '',
      k: params.get('k') || DEFAULT_K,
      offset: Number.isFinite(offset) && offset > 0 ? offset : 0,
      mode: MODES.includes(mode) ? mode : DEFAULT_MODE,
    };
  }

  function writeUrl(state) {
    const params = new URLSearchParams();
    if (state.q) params.set('q', state.q);
    if (state.q && state.k !== DEFAULT_K) params.set('k', state.k);
    if (state.q && state.offset > 0) params.set('offset', String(state.offset));
    if (state.q && state.mode !== DEFAULT_MODE) params.set('mode', state.mode);
    const query = params.toString();
    history.replaceState(null, '', location.pathname + (query ? '?' + query : ''));
    document.title = state.q ? state.q + ' – Spork search' : 'Spork search';
  }

  function selectK(k) {
    if (![...kSelect.options].some((o) => o.value === k)) {
      kSelect.append(el('option', { value: k, text: k }));
    }
    kSelect.value = k;
  }

  // ---- rendering -------------------------------------------------------------------------------

  function clearResults() {
    results.replaceChildren();
    queryTermsList.replaceChildren();
    expansion.hidden = true;
    pager.hidden = true;
    partialBox.hidden = true;
    errorBox.hidden = true;
    errorBox.replaceChildren();
  }

  function showError(title, message) {
    clearResults();
    statusLine.textContent = '';
    errorBox.replaceChildren(el('strong', { text: title }), el('span', { text: message }));
    errorBox.hidden = false;
  }

  function renderQueryTerms(data) {
    const terms = Array.isArray(data.query_terms) ? data.query_terms : [];
    queryTermsList.replaceChildren();
    if (terms.length === 0) {
      expansion.hidden = true;
      return;
    }
    const words = wordsOf(data.query || current.q);
    const max = Math.max(...terms.map((t) => t.weight || 0), 1e-9);
    const items = terms.map((t) => {
      const fromText = occursInText(t.token, data.query || current.q, words);
      return el('li', {
        class: 'qterm' + (fromText ? '' : ' expanded'),
        'data-token': t.token,
        title: (fromText ? 'in the query' : 'added by the model') + ' · weight ' + fmt(t.weight, 3) + ' · token id ' + t.id,
      },
      el('span', { class: 'tok', text: t.token }),
      el('span', { class: 'w', text: fmt(t.weight) }),
      el('span', { class: 'bar', 'aria-hidden': 'true', style: 'width:' + Math.max(4, 100 * (t.weight || 0) / max).toFixed(1) + '%' }));
    });
    appendWithMore(queryTermsList, items, QUERY_TERMS_SHOWN, 'query terms');
    const added = items.filter((i) => i.classList.contains('expanded')).length;
    $('expansion-title').textContent = 'Query expansion: ' + plural(terms.length, 'term', 'terms')
      + (added > 0 ? ', ' + added + ' added by the model' : '');
    expansion.hidden = false;
  }

  // Appends items to a list, the ones past `shown` behind a "+N more" toggle.
  function appendWithMore(list, items, shown, what) {
    items.forEach((item, i) => {
      if (i >= shown) item.hidden = true;
      list.append(item);
    });
    if (items.length > shown) {
      const hiddenCount = items.length - shown;
      const more = el('button', { type: 'button', class: 'more', 'aria-expanded': 'false', text: '+' + hiddenCount + ' more' });
      more.addEventListener('click', () => {
        const open = more.getAttribute('aria-expanded') !== 'true';
        items.slice(shown).forEach((item) => { item.hidden = !open; });
        more.setAttribute('aria-expanded', String(open));
        more.textContent = open ? 'show fewer ' + what : '+' + hiddenCount + ' more';
      });
      list.append(el('li', { class: 'more-item' }, more));
    }
  }

  // The snippet as text, with the words that match a term of the hit marked.
  function snippetNode(snippet, tokens) {
    const p = el('p', { class: 'snippet' });
    const parts = String(snippet).split(/([\p{L}\p{N}]+)/u);
    for (const part of parts) {
      if (!part) continue;
      const w = normalize(part);
      const hit = /[\p{L}\p{N}]/u.test(part)
        && tokens.some((t) => w === t || (t.length >= 4 && w.startsWith(t)));
      p.append(hit ? el('mark', { text: part }) : document.createTextNode(part));
    }
    return p;
  }

  function termChip(term, max, score) {
    const share = score > 0 ? Math.round(100 * term.contribution / score) : null;
    return el('li', {
      class: 'term',
      'data-token': term.token,
      title: 'query weight ' + fmt(term.query_weight, 3) + ' × document weight ' + fmt(term.document_weight, 3)
        + ' = ' + fmt(term.contribution, 3) + (share !== null ? ' (' + share + '% of the score)' : '') + ' · token id ' + term.id,
    },
    el('span', { class: 'tok', text: term.token }),
    el('span', { class: 'calc' },
      fmt(term.query_weight), el('span', { class: 'op', text: ' × ' }), fmt(term.document_weight),
      el('span', { class: 'op', text: ' = ' }), el('b', { text: fmt(term.contribution) })),
    el('span', { class: 'bar', 'aria-hidden': 'true', style: 'width:' + Math.max(3, 100 * term.contribution / max).toFixed(1) + '%' }));
  }

  // One BM25 term of a hit: its frequency in the document, its idf and what it adds to the BM25 score.
  function bm25Chip(term, max, score) {
    const share = score > 0 ? Math.round(100 * term.contribution / score) : null;
    return el('li', {
      class: 'term bm25-term',
      'data-term': term.term,
      title: 'BM25 term "' + term.term + '": ' + term.frequency + '× in the document (' + term.document_length + ' tokens), in '
        + term.document_frequency + ' documents (idf ' + fmt(term.idf, 3) + ')' + (term.query_count > 1 ? ', ' + term.query_count + '× in the query' : '')
        + ' = ' + fmt(term.contribution, 3) + (share !== null ? ' (' + share + '% of the BM25 score)' : ''),
    },
    el('span', { class: 'tok', text: term.term }),
    el('span', { class: 'calc' }, 'tf ' + term.frequency, el('span', { class: 'op', text: ' · idf ' }), fmt(term.idf),
      el('span', { class: 'op', text: ' → ' }), el('b', { text: fmt(term.contribution) })),
    el('span', { class: 'bar', 'aria-hidden': 'true', style: 'width:' + Math.max(3, 100 * term.contribution / max).toFixed(1) + '%' }));
  }

  // The fused score and each side's part: its own score and rank among its candidates.
  function partsNode(parts) {
    if (!parts || typeof parts !== 'object') return null;
    const items = [];
    for (const [side, label] of [['splade', 'SPLADE'], ['bm25', 'BM25']]) {
      const p = parts[side];
      items.push(p
        ? el('span', { class: 'part part-' + side, title: label + ' score ' + fmt(p.score, 4) + ', rank ' + p.rank + ' of its candidates' },
          label + ' ' + fmt(p.score) + ' (#' + p.rank + ')')
        : el('span', { class: 'part part-' + side + ' absent', title: 'not among ' + label + "'s candidates" }, label + ' –'));
    }
    return el('div', { class: 'parts' }, ...items);
  }

  function whyNode(label, items, ariaLabel) {
    const list = el('ul', { class: 'terms', 'aria-label': ariaLabel });
    appendWithMore(list, items, TERMS_SHOWN, 'terms');
    return el('div', { class: 'why' }, el('span', { class: 'why-label', text: label }), list);
  }

  function hitNode(hit, rank) {
    const explain = Array.isArray(hit.explain) ? hit.explain : [];
    const bm25 = Array.isArray(hit.bm25_explain) ? hit.bm25_explain : [];
    const tokens = explain.map((t) => normalize(t.token)).filter((t) => !t.startsWith('##') && /[\p{L}\p{N}]/u.test(t))
      .concat(bm25.map((t) => normalize(t.term)));
    const hasTitle = typeof hit.title === 'string' && hit.title.trim() !== '';
    const body = el('div', { class: 'hit-body' },
      el('div', { class: 'hit-head' },
        el('h3', { class: 'hit-title' + (hasTitle ? '' : ' untitled'), text: hasTitle ? hit.title : hit.id }),
        el('span', { class: 'score', title: hit.parts ? 'score of the ranking (fused in hybrid mode; BM25 in bm25 mode)' : 'score: the sum of the contributions of the shared terms' },
          el('span', { class: 'score-label', text: 'score ' }), fmt(hit.score, hit.parts && hit.parts.splade && hit.parts.bm25 ? 3 : 2))),
      hit.parts ? partsNode(hit.parts) : null,
      hasTitle ? el('div', { class: 'hit-id' }, 'id ', el('code', { text: hit.id })) : null,
      typeof hit.snippet === 'string' && hit.snippet !== '' ? snippetNode(hit.snippet, tokens) : null);

    if (explain.length > 0) {
      const max = Math.max(...explain.map((t) => t.contribution || 0), 1e-9);
      const spladeScore = hit.parts && hit.parts.splade ? hit.parts.splade.score : hit.score;
      body.append(whyNode((hit.parts ? 'SPLADE: ' : 'Matched ') + plural(explain.length, 'term', 'terms'),
        explain.map((t) => termChip(t, max, spladeScore)), 'Matched SPLADE terms: query weight × document weight = contribution'));
    }
    if (bm25.length > 0) {
      const sorted = [...bm25].sort((a, b) => b.contribution - a.contribution);
      const max = Math.max(...sorted.map((t) => t.contribution || 0), 1e-9);
      const bm25Score = hit.parts && hit.parts.bm25 ? hit.parts.bm25.score : hit.score;
      const why = whyNode('BM25: ' + plural(bm25.length, 'word', 'words'), sorted.map((t) => bm25Chip(t, max, bm25Score)),
        'Matched BM25 words: term frequency, idf and contribution');
      why.classList.add('why-bm25');
      body.append(why);
    }
    return el('li', { class: 'hit', 'data-id': hit.id },
      el('span', { class: 'rank', title: 'rank ' + rank, text: String(rank) }), body);
  }

  function render(data) {
    clearResults();
    const hits = Array.isArray(data.hits) ? data.hits : [];
    const offset = typeof data.offset === 'number' ? data.offset : current.offset;
    results.start = offset + 1;
    hits.forEach((hit, i) => results.append(hitNode(hit, offset + i + 1)));

    let answered = null;
    let total = null;
    if (data.partitions && typeof data.partitions === 'object' && !Array.isArray(data.partitions)) {
      answered = data.partitions.answered;
      total = data.partitions.total;
    }
    const partial = data.partial === true || (answered !== null && total !== null && answered < total);

    const parts = [];
    if (hits.length === 0) {
      parts.push(offset > 0 ? 'No more hits for “' + data.query + '”' : 'No documents match “' + data.query + '”');
    } else {
      parts.push(plural(hits.length, 'hit', 'hits') + (offset > 0 ? ' from rank ' + (offset + 1) : '') + ' for “' + data.query + '”');
    }
    if (answered !== null && total !== null) parts.push(answered + '/' + total + ' partitions answered');
    if (typeof data.took_ms === 'number') parts.push(fmtMs(data.took_ms));
    statusLine.textContent = parts.join(' · ');
    statusLine.classList.toggle('is-partial', partial);

    if (partial) {
      partialBox.replaceChildren(
        el('strong', { text: 'Partial results.' }),
        el('span', { text: ' Only ' + (answered ?? '?') + ' of ' + (total ?? '?') + ' partitions answered: documents on the others are missing from this list, and the ranking may change once they are back.' }));
      partialBox.hidden = false;
    }

    renderQueryTerms(data);

    const k = parseInt(String(data.k ?? current.k), 10);
    const hasPrev = offset > 0;
    const hasNext = Number.isFinite(k) && hits.length >= k;
    pager.hidden = !(hasPrev || hasNext);
    prevButton.disabled = !hasPrev;
    nextButton.disabled = !hasNext;
    pageInfo.textContent = hits.length > 0 ? 'ranks ' + (offset + 1) + '–' + (offset + hits.length) : '';
  }

  // ---- searching -------------------------------------------------------------------------------

  async function search(state) {
    current = { q: state.q.trim(), k: String(state.k || DEFAULT_K), offset: state.offset || 0, mode: state.mode || DEFAULT_MODE };
    writeUrl(current);
    if (inFlight) inFlight.abort();
    if (!current.q) {
      inFlight = null;
      clearResults();
      statusLine.textContent = '';
      return;
    }
    const mine = ++sequence;
    const controller = new AbortController();
    inFlight = controller;
    document.body.classList.add('busy');
    results.setAttribute('aria-busy', 'true');
    statusLine.textContent = 'Searching for “' + current.q + '”…';

    const params = new URLSearchParams({ q: current.q, k: current.k, offset: String(current.offset), explain: 'true', mode: current.mode });
    try {
      const response = await fetch('/search?' + params, { headers: { Accept: 'application/json' }, signal: controller.signal });
      const text = await response.text();
      if (mine !== sequence) return;
      let data = null;
      try {
        data = text ? JSON.parse(text) : null;
      } catch (e) {
        data = null;
      }
      if (!response.ok) {
        const message = data && typeof data.error === 'string' ? data.error : (text || 'no details').slice(0, 500);
        const hint = response.status === 503 ? ' The index is not reachable right now; try again in a moment.' : '';
        showError('Search failed (' + response.status + (response.statusText ? ' ' + response.statusText : '') + '): ', message + hint);
        return;
      }
      if (!data || typeof data !== 'object') {
        showError('Search failed: ', 'the server answered something that is not JSON.');
        return;
      }
      render(data);
    } catch (e) {
      if (e.name === 'AbortError' || mine !== sequence) return;
      showError('Could not reach the server: ', e.message || String(e));
    } finally {
      if (mine === sequence) {
        document.body.classList.remove('busy');
        results.removeAttribute('aria-busy');
        inFlight = null;
      }
    }
  }

  async function refreshIndexInfo() {
    try {
      const response = await fetch('/stats', { headers: { Accept: 'application/json' } });
      if (!response.ok) return;
      const stats = await response.json();
      const parts = [];
      if (typeof stats.documents === 'number') parts.push(plural(stats.documents, 'document', 'documents') + ' indexed');
      if (stats.encoder && stats.encoder.model) parts.push('model ' + stats.encoder.model + (stats.encoder.device ? ' on ' + stats.encoder.device : ''));
      indexInfo.textContent = parts.join(' · ');
    } catch (e) {
      // The footer is a courtesy: without /stats it stays empty.
    }
  }

  // ---- wiring ----------------------------------------------------------------------------------

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    search({ q: input.value, k: kSelect.value, offset: 0, mode: modeSelect.value });
  });
  kSelect.addEventListener('change', () => {
    if (input.value.trim()) search({ q: input.value, k: kSelect.value, offset: 0, mode: modeSelect.value });
  });
  modeSelect.addEventListener('change', () => {
    if (input.value.trim()) search({ q: input.value, k: kSelect.value, offset: 0, mode: modeSelect.value });
  });
  prevButton.addEventListener('click', () => {
    const k = parseInt(current.k, 10) || 10;
    search({ ...current, offset: Math.max(0, current.offset - k) });
  });
  nextButton.addEventListener('click', () => {
    const k = parseInt(current.k, 10) || 10;
    search({ ...current, offset: current.offset + k });
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === '/' && document.activeElement !== input && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });

  const initial = readUrl();
  input.value = initial.q;
  selectK(initial.k);
  modeSelect.value = initial.mode;
  refreshIndexInfo();
  if (initial.q.trim()) search(initial);
})();
