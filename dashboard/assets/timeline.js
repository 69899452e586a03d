/* The dashboard's browser side: history, the table's data source, selection sync,
 * keyboard selection, image download. Served from /assets (the CSP allows only the app's
 * own scripts); the clientside callbacks in app.py call the functions below by name. */
(function () {
  "use strict";
  const NEW_OUTLINE = "#B35900";
  const SELECTED_OUTLINE = "#000000";
  const table = { query: "", installed: false, api: null, wanted: null };
  const SEARCH_PAUSE_MS = 300;
  const search = { timer: null, sent: "", restored: "" };

  function ensureSearchBox() {
    const slot = document.getElementById("search-slot");
    if (!slot || document.getElementById("filter-search")) { return; }
    const box = document.createElement("input");
    box.id = "filter-search";
    box.type = "search";
    box.className = "search-box";
    box.autocomplete = "off";
    box.placeholder = "Words in titles and source quotes";
    box.value = search.restored;
    slot.appendChild(box);
  }
  new MutationObserver(ensureSearchBox).observe(document.documentElement, { childList: true, subtree: true });

  // The search box: its text is sent once typing pauses, or at once on Enter.
  function sendSearch() {
    window.clearTimeout(search.timer);
    const box = document.getElementById("filter-search");
    const text = box ? box.value.trim() : "";
    if (text !== search.sent && window.dash_clientside && window.dash_clientside.set_props) {
      search.sent = text;
      window.dash_clientside.set_props("search-text", { data: text });
    }
  }
  document.addEventListener("input", function (e) {
    if (e.target && e.target.id === "filter-search") {
      window.clearTimeout(search.timer);
      search.timer = window.setTimeout(sendSearch, SEARCH_PAUSE_MS);
    }
  });
  document.addEventListener("keydown", function (e) {
    if (e.target && e.target.id === "filter-search" && e.key === "Enter") { sendSearch(); }
  });
  // Each navigation (load, Back/Forward, link) has a time; a view computed before the
  // latest one is stale and must not push its URL over the one navigated to.
  const history = { navAt: 0, firstNavAt: 0, firstView: true, pathname: null };

  function isMainPage() {
    return !window.location.pathname.startsWith("/entity/");
  }

  function navData() {
    history.navAt = Date.now();
    const first = history.firstNavAt === 0;  // the page load: its layout may show it already
    if (first) { history.firstNavAt = history.navAt; }
    history.firstView = true;
    history.pathname = window.location.pathname;
    return { pathname: window.location.pathname, search: window.location.search, at: history.navAt, first: first };
  }

  // Back/Forward: tell the app what the URL now says. dcc.Location is not enough: it
  // does not know the URLs this script pushed, so a Back to one of them can look unchanged.
  window.addEventListener("popstate", function () {
    if (window.dash_clientside && window.dash_clientside.set_props) {
      window.dash_clientside.set_props("nav", { data: navData() });
    }
  });

  function gridApi() {
    return window.dash_ag_grid.getApiAsync("grid");
  }

  function rowsUrl(params) {
    const q = new URLSearchParams(table.query.replace(/^\?/, ""));
    q.set("start", String(params.startRow));
    q.set("end", String(params.endRow));
    const sort = (params.sortModel || [])[0];
    if (sort) {
      q.set("sort", sort.colId);
      if (sort.sort === "desc") { q.set("desc", "1"); }
    }
    return "/grid-rows?" + q.toString();
  }

  // Each block request has its own HTTP request and answer: a block asked for while
  // another is on its way is never dropped (rows left blank after a jump-scroll).
  const dataSource = {
    getRows: function (params) {
      fetch(rowsUrl(params), { headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(function (data) { params.successCallback(data.rows, data.count); })
        .catch(function () { params.failCallback(); });
    },
  };

  function installGrid(api) {
    if (table.installed) { return; }
    table.installed = true;
    table.api = api;
    // Dash's grid component installs its own data source when the grid is ready, which
    // can come after this (the API is reachable before): whoever sets one, ours is used.
    const setOption = api.setGridOption.bind(api);
    api.setGridOption = function (key, value) {
      return setOption(key, key === "datasource" ? dataSource : value);
    };
    api.setGridOption("datasource", dataSource);
    // The table is the keyboard path to every event: the selection follows the focus.
    const root = document.getElementById("grid");
    root.addEventListener("keyup", function (e) {
      const keys = ["ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End"];
      if (keys.indexOf(e.key) < 0 || e.shiftKey || e.ctrlKey || e.metaKey || e.altKey) { return; }
      const cell = api.getFocusedCell();
      const node = cell && api.getDisplayedRowAtIndex(cell.rowIndex);
      if (node && node.data && !node.isSelected()) { node.setSelected(true, true); }
    });
    api.addEventListener("modelUpdated", selectWanted);
  }

  function selectWanted() {
    const api = table.api;
    if (!api || !table.wanted) { return; }
    const node = api.getRowNode(table.wanted);
    if (node && node.data) {
      if (!node.isSelected()) { node.setSelected(true, true); }
      table.wanted = null;
    }
  }

  function ring(selected) {
    const gd = document.querySelector("#timeline .js-plotly-plot");
    if (!gd || !gd.data || !window.Plotly) { return; }
    gd.data.forEach(function (trace, i) {
      const cd = trace.customdata;
      if (!Array.isArray(cd) || !cd.length || !Array.isArray(cd[0])) { return; }
      const colours = cd.map(function (d) {
        return d[0] === selected ? SELECTED_OUTLINE : (d[5] ? NEW_OUTLINE : "#ffffff");
      });
      const widths = colours.map(function (c) { return c === "#ffffff" ? 1 : 3; });
      window.Plotly.restyle(gd, { "marker.line.color": [colours], "marker.line.width": [widths] }, [i]);
    });
  }

  function setEventInUrl(selected) {
    if (!isMainPage()) { return; }
    const q = new URLSearchParams(window.location.search);
    if ((q.get("event") || null) === (selected || null)) { return; }
    if (selected) { q.set("event", selected); } else { q.delete("event"); }
    const qs = q.toString();
    window.history.replaceState(window.history.state, "", window.location.pathname + (qs ? "?" + qs : ""));
  }

  function followInTable(selected) {
    gridApi().then(function (api) {
      installGrid(api);
      const current = api.getSelectedNodes();
      if (!selected) { if (current.length) { api.deselectAll(); } return; }
      if (current.length === 1 && current[0].id === selected) { return; }
      const sort = api.getColumnState().filter(function (c) { return c.sort; })[0];
      const q = new URLSearchParams(table.query.replace(/^\?/, ""));
      q.set("find", selected);
      if (sort) { q.set("sort", sort.colId); if (sort.sort === "desc") { q.set("desc", "1"); } }
      fetch("/grid-rows?" + q.toString())
        .then(function (r) { return r.json(); })
        .then(function (data) {
          if (data.position === null || data.position === undefined) { return; }
          table.wanted = selected;
          api.ensureIndexVisible(data.position, "middle");
          selectWanted();
        });
    });
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    timeline: {
      // dcc.Location reports its pathname more than once (at start, and again later under
      // load): only a new pathname is a navigation. A second restore while the analyst
      // types would write the URL's older text back into the search box.
      nav: function (pathname) {
        if (history.pathname !== null && pathname === history.pathname) {
          return window.dash_clientside.no_update;
        }
        return navData();
      },

      viewChanged: function (view) {
        const nc = window.dash_clientside.no_update;
        if (!view) { return nc; }
        // Answered for an older URL: drop it. A view with no navigation time is the page
        // load's first view (drawn with the layout): current until the first navigation.
        const firstView = view.nav_at == null && history.navAt === history.firstNavAt;
        if (view.nav_at !== history.navAt && !firstView) { return nc; }
        if (isMainPage() && view.query !== window.location.search) {
          // The first view after a navigation is the URL's own (normalized): replace it;
          // later ones are the analyst's changes: each gets a history entry for Back.
          const url = window.location.pathname + view.query;
          if (history.firstView) { window.history.replaceState({}, "", url); }
          else { window.history.pushState({}, "", url); }
        }
        history.firstView = false;
        const changed = view.query.replace(/([?&])event=[^&]*/, "$1") !== table.query.replace(/([?&])event=[^&]*/, "$1");
        table.query = view.query;
        gridApi().then(function (api) {
          if (!table.installed) { installGrid(api); } else if (changed) { api.purgeInfiniteCache(); }
        });
        return view.selected_in_view ? nc : null;
      },

      // Plotly's relayout event -> the zoomed days, whole and inclusive: a range ending at
      // midnight does not include the day that starts then. Other relayouts change nothing.
      zoomWindow: function (relayout) {
        const nc = window.dash_clientside.no_update;
        if (!relayout) { return nc; }
        if (relayout["xaxis.autorange"]) { return null; }
        let range = relayout["xaxis.range"];
        if (!range && relayout["xaxis.range[0]"] !== undefined) {
          range = [relayout["xaxis.range[0]"], relayout["xaxis.range[1]"]];
        }
        if (!range) { return nc; }
        const first = String(range[0]).slice(0, 10);
        const end = new Date(String(range[1]).replace(" ", "T").slice(0, 19) + "Z");
        if (isNaN(end.getTime())) { return nc; }
        const last = new Date(end.getTime() - 1000).toISOString().slice(0, 10);
        return [first, last < first ? first : last];
      },

      selectionChanged: function (selected) {
        ring(selected);
        setEventInUrl(selected);
        followInTable(selected);
        return window.dash_clientside.no_update;
      },

      searchRestored: function (restored) {
        const box = document.getElementById("filter-search");
        const text = (restored && restored.text) || "";
        window.clearTimeout(search.timer);
        search.sent = text;
        search.restored = text;
        if (box && box.value !== text) { box.value = text; }
        return window.dash_clientside.no_update;
      },

      saveImage: function () {
        const trigger = window.dash_clientside.callback_context.triggered[0].prop_id;
        const gd = document.querySelector("#timeline .js-plotly-plot");
        if (gd && window.Plotly) {
          window.Plotly.downloadImage(gd, {
            format: trigger.indexOf("svg") >= 0 ? "svg" : "png",
            filename: "timeline",
            width: gd.offsetWidth,
            height: gd.offsetHeight,
          });
        }
        return window.dash_clientside.no_update;
      },
    },
  });
})();
