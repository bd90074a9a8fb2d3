/* Counter workspace: search-as-you-type over /api/search (department and, when the build serves
   several, region filters; a filtered search with no match says so, offers the search across all
   departments and lists the department's nearest entries apart), the full guide of the chosen
   matter from its entry view (/api/matters/<id>/view, asked again with the situations chosen so
   far: the server decides which materials apply), the 一次性告知单 link, and the staff panel of
   popular / unanswered questions from /api/staff/queries. Text is inserted with text nodes only. */
(function () {
  "use strict";
  var R = window.GuideRender;
  var h = R.h;
  var DEBOUNCE_MS = 150;

  var input, dept, region, results, others, otherResults, searchAll, searchStatus, detailTitle, detailBody,
      queriesBody, queriesRefresh, departments;
  var timer = null, controller = null, seq = 0, lastKey = "", detailSeq = 0;

  // ------------------------------------------------------------ search

  function scheduleSearch() {
    window.clearTimeout(timer);
    timer = window.setTimeout(runSearch, DEBOUNCE_MS);
  }

  function searchKey() { return [input.value.trim(), dept.value, region ? region.value : ""].join("\u0000"); }

  function clearHits() {
    results.textContent = "";
    otherResults.textContent = "";
    others.hidden = true;
    searchAll.hidden = true;
  }

  function runSearch() {
    window.clearTimeout(timer);
    var q = input.value.trim(), key = searchKey();
    if (controller) { controller.abort(); controller = null; }
    var mine = ++seq;
    if (!q) {
      clearHits();
      searchStatus.textContent = "";
      lastKey = "";
      return Promise.resolve();
    }
    var params = new URLSearchParams({q: q, k: "10"});
    if (dept.value) { params.set("department", dept.value); }
    if (region) { params.set("region", region.value); }
    controller = window.AbortController ? new AbortController() : null;
    searchStatus.textContent = "正在搜索…";
    return fetch("/api/search?" + params.toString(), {
      headers: {"Accept": "application/json"}, signal: controller ? controller.signal : undefined
    }).then(function (res) {
      return res.json().catch(function () { return null; }).then(function (data) {
        if (mine !== seq) { return; }
        if (!res.ok || !data) {
          clearHits();
          lastKey = "";
          searchStatus.textContent = R.errorMessage(data, "搜索失败（" + res.status + "），请稍后重试。");
          return;
        }
        lastKey = key;
        renderHits(q, data, dept.value);
      });
    }).catch(function (err) {
      if (err && err.name === "AbortError") { return; }
      if (mine === seq) { searchStatus.textContent = "网络连接失败，请稍后重试。"; }
    });
  }

  /* A filtered search whose verdict is no_match (the server decides: guide.webapp.api) found
     nothing in that department: say so, offer the search across all departments, and list the
     department's nearest entries apart, never as matches. */
  function renderHits(q, data, department) {
    var hits = data.results || [];
    clearHits();
    if (department && (!hits.length || data.confidence === "no_match")) {
      searchStatus.textContent = "该部门下没有匹配的事项。";
      searchAll.hidden = false;
      if (hits.length) {
        fillList(otherResults, hits);
        others.hidden = false;
      }
      return;
    }
    if (!hits.length) {
      searchStatus.textContent = "没有找到与“" + q + "”相关的事项，换个说法试试。";
      return;
    }
    searchStatus.textContent = data.lookalike
      ? "目录未收录“" + data.lookalike + "”（已知的缺口）。以下 " + hits.length + " 个名称相近，但不是同一事项："
      : data.confidence === "no_match"
      ? "没有与“" + q + "”直接对应的事项，以下是相近的 " + hits.length + " 个结果："
      : "找到 " + hits.length + " 个事项（按相关度排列）：";
    fillList(results, hits);
  }

  function fillList(list, hits) {
    hits.forEach(function (hit, n) {
      var button = h("button", {type: "button", class: "hit", "data-id": hit.id},
        h("span", {class: "hit__name"}, hit.name),
        hit.kind === "bundle" ? h("span", {class: "tag tag--bundle"}, "一件事") : null,
        h("span", {class: "hit__meta"}, (R.deptName(hit.department, departments) || "多部门联办") + " · " + hit.id));
      button.addEventListener("click", function () { openEntry(hit.id, button); });
      button.addEventListener("keydown", function (event) {
        var buttons = list.querySelectorAll(".hit");
        if (event.key === "ArrowDown" && n + 1 < buttons.length) { event.preventDefault(); buttons[n + 1].focus(); }
        if (event.key === "ArrowUp") { event.preventDefault(); (n > 0 ? buttons[n - 1] : input).focus(); }
      });
      list.appendChild(h("li", null, button));
    });
  }

  function searchAllDepartments() {
    dept.value = "";
    input.focus({preventScroll: true});
    return runSearch();
  }

  // ------------------------------------------------------------ detail

  function markActive(button) {
    document.querySelectorAll(".hit").forEach(function (b) { b.removeAttribute("aria-current"); });
    if (button) { button.setAttribute("aria-current", "true"); }
  }

  function fetchView(id, chosen) {
    var params = new URLSearchParams(chosen || {});
    var qs = params.toString();
    return fetch("/api/matters/" + encodeURIComponent(id) + "/view" + (qs ? "?" + qs : ""),
                 {headers: {"Accept": "application/json"}})
      .then(function (res) {
        return res.json().catch(function () { return null; }).then(function (data) {
          if (!res.ok || !data) { throw new Error(R.errorMessage(data, "无法加载该事项。")); }
          return data;
        });
      });
  }

  function openEntry(id, button) {
    markActive(button);
    var mine = ++detailSeq;
    detailBody.setAttribute("aria-busy", "true");
    return fetchView(id, {})
      .then(function (view) {
        if (mine !== detailSeq) { return; }
        detailBody.textContent = "";
        if (view.kind === "bundle") { renderBundle(view); } else { renderMatter(view); }
        detailTitle.focus({preventScroll: false});
      })
      .catch(function (err) {
        if (mine !== detailSeq) { return; }
        detailBody.textContent = "";
        detailBody.appendChild(h("p", {class: "error"}, err && err.message && /[\u4e00-\u9fff]/.test(err.message)
          ? err.message : "网络连接失败，请稍后重试。"));
      })
      .then(function () { detailBody.removeAttribute("aria-busy"); });
  }

  function renderBundle(view) {
    detailTitle.textContent = "一件事：" + view.name;
    var card = R.bundleCard(view, {headingLevel: 3, showSummary: true});
    /* In the workspace a member opens in this pane (Ctrl/⌘-click still opens its page). */
    card.querySelectorAll("a[data-matter]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) { return; }
        event.preventDefault();
        openEntry(link.getAttribute("data-matter"), null);
      });
    });
    detailBody.appendChild(card);
    detailBody.appendChild(h("p", {class: "actions"},
      h("a", {class: "btn btn--print", id: "print-link", href: view.checklist_url, target: "_blank", rel: "noopener"},
        "打印一次性告知单（合并）")));
  }

  function materialsSection(view, box) {
    var applying = view.materials.filter(function (m) { return m.status === "applies"; });
    var undecided = view.materials.filter(function (m) { return m.status === "undecided"; });
    box.textContent = "";
    box.appendChild(h("h4", null, "需提交材料（" + applying.length + " 项）"));
    box.appendChild(R.materialsList(applying, {showWhen: true}));
    if (undecided.length) {
      box.appendChild(h("div", {class: "undecided"},
        h("p", {class: "muted"}, "视情形需要（" + undecided.length + " 项，请先确认上方情形）："),
        R.materialsList(undecided, {showWhen: true})));
    }
  }

  function renderMatter(view) {
    var chosen = {}, updateSeq = 0;
    detailTitle.textContent = "办事指南：" + view.name;

    var printLink = h("a", {class: "btn btn--print", id: "print-link", href: view.checklist_url,
                            target: "_blank", rel: "noopener"}, "打印一次性告知单");
    var pageLink = h("a", {class: "btn btn--ghost", href: view.page_url, target: "_blank", rel: "noopener"}, "打开完整指南页");
    detailBody.appendChild(h("header", {class: "detail__head"},
      h("h3", {class: "detail__name"}, view.name),
      h("p", {class: "guide-card__dept"}, view.department_line + " · " + view.id),
      h("p", {class: "detail__summary"}, view.summary),
      h("p", {class: "actions"}, printLink, " ", pageLink)));

    var materialsBox = h("section", {class: "detail__materials", "aria-live": "polite", id: "detail-materials"});
    if (view.situations && view.situations.length) {
      var sits = h("section", {class: "detail__situations", "aria-label": "办理情形"},
        h("h4", null, "办理情形（选择后材料清单自动更新）"));
      view.situations.forEach(function (s) {
        var fs = h("fieldset", {class: "situation", "data-situation": s.id}, h("legend", null, s.question));
        s.options.forEach(function (o) {
          var radio = h("input", {type: "radio", name: "sit-" + s.id, value: o.id, "data-situation": s.id});
          radio.addEventListener("change", function () {
            if (!radio.checked) { return; }
            chosen[s.id] = o.id;
            var mine = ++updateSeq;
            fetchView(view.id, chosen).then(function (fresh) {
              if (mine !== updateSeq) { return; }
              materialsSection(fresh, materialsBox);
              printLink.setAttribute("href", fresh.checklist_url);
              pageLink.setAttribute("href", fresh.page_url);
            }).catch(function () { materialsBox.appendChild(h("p", {class: "error"}, "材料清单更新失败，请重试。")); });
          });
          fs.appendChild(h("label", {class: "option"}, radio, " ", o.label));
        });
        sits.appendChild(fs);
      });
      detailBody.appendChild(sits);
    }
    detailBody.appendChild(materialsBox);
    materialsSection(view, materialsBox);

    detailBody.appendChild(h("dl", {class: "facts"},
      R.fact("办理时限", view.time.text, view.time.note),
      R.fact("收费", view.fee.text, view.fee.basis || null),
      R.fact("办理地点", R.locationsBlock(view)),
      R.fact("网上办理", R.onlineBlock(view.online))));

    function listSection(title, items, ordered) {
      if (!items || !items.length) { return null; }
      return h("details", {class: "detail__more"}, h("summary", null, title + "（" + items.length + "）"),
        h(ordered ? "ol" : "ul", null, items.map(function (t) { return h("li", null, t); })));
    }
    R.append(detailBody, [
      listSection("办理条件", view.conditions, true),
      listSection("办理流程", view.process, true),
      listSection("设定依据", view.legal_basis, false),
      view.faq && view.faq.length ? h("details", {class: "detail__more"}, h("summary", null, "常见问题（" + view.faq.length + "）"),
        h("dl", {class: "faq"}, view.faq.map(function (f) { return [h("dt", null, "问：" + f.q), h("dd", null, "答：" + f.a)]; }))) : null,
      view.scope_note ? h("p", {class: "muted scope-note"}, view.scope_note) : null,
      h("p", {class: "muted updated"}, "信息更新日期：" + view.updated)
    ]);
  }

  // ------------------------------------------------------------ staff panel

  function loadQueries() {
    queriesBody.textContent = "";
    queriesBody.appendChild(h("p", {class: "muted"}, "正在加载…"));
    return fetch("/api/staff/queries", {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (res) {
        return res.json().catch(function () { return null; }).then(function (data) {
          queriesBody.textContent = "";
          /* Everything else here works without login: the hint stays quiet, inside this panel. */
          queriesRefresh.hidden = res.status === 401 || res.status === 403;
          if (queriesRefresh.hidden) {
            queriesBody.appendChild(h("p", {class: "muted login-hint"}, "工作人员登录后可查看热门问题与未答问题。 ",
              h("a", {href: "/staff/login?next=" + encodeURIComponent("/counter")}, "工作人员登录")));
            return;
          }
          if (!res.ok || !data) {
            queriesBody.appendChild(h("p", {class: "muted"}, "暂时无法获取问题统计（" + res.status + "）。"));
            return;
          }
          renderQueries(data);
        });
      })
      .catch(function () {
        queriesBody.textContent = "";
        queriesBody.appendChild(h("p", {class: "muted"}, "网络连接失败，问题统计未加载。"));
      });
  }

  function renderQueries(data) {
    var popular = data.popular || [], unanswered = data.unanswered || [];
    var popularList = popular.length
      ? h("ol", {class: "query-list"}, popular.map(function (item) {
          var button = h("button", {type: "button", class: "link-btn", title: "在工作台中搜索"}, item.query);
          button.addEventListener("click", function () { input.value = item.query; runSearch(); input.focus(); });
          return h("li", null, button, " ", h("span", {class: "count"}, item.count + " 次"));
        }))
      : h("p", {class: "muted"}, "暂无数据");
    var unansweredList = unanswered.length
      ? h("ul", {class: "query-list"}, unanswered.map(function (item) {
          return h("li", null, h("span", {class: "query"}, item.query), " ",
            h("span", {class: "muted"}, [item.confidence, item.time].filter(Boolean).join(" · ")));
        }))
      : h("p", {class: "muted"}, "暂无数据");
    R.append(queriesBody, [h("h3", null, "热门问题"), popularList, h("h3", null, "未答问题"), unansweredList]);
  }

  // ------------------------------------------------------------ wiring

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("counter-root");
    input = document.getElementById("search-q");
    dept = document.getElementById("search-dept");
    region = document.getElementById("search-region");          /* only when several regions are served */
    results = document.getElementById("results");
    others = document.getElementById("others");
    otherResults = document.getElementById("other-results");
    searchAll = document.getElementById("search-all");
    searchStatus = document.getElementById("search-status");
    detailTitle = document.getElementById("detail-title");
    detailBody = document.getElementById("detail-body");
    queriesBody = document.getElementById("queries-body");
    queriesRefresh = document.getElementById("queries-refresh");
    departments = R.parseJsonAttr(root, "data-departments");

    input.addEventListener("input", scheduleSearch);
    dept.addEventListener("change", function () { runSearch(); });
    if (region) { region.addEventListener("change", function () { runSearch(); }); }
    document.getElementById("search-all-btn").addEventListener("click", searchAllDepartments);
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        var first = results.querySelector(".hit") || otherResults.querySelector(".hit");
        if (first) { event.preventDefault(); first.focus(); }
      }
    });
    document.getElementById("search-form").addEventListener("submit", function (event) {
      event.preventDefault();
      /* Enter opens the top hit; if the debounce has not fired yet, search first. */
      var pending = input.value.trim() && searchKey() !== lastKey;
      (pending ? runSearch() : Promise.resolve()).then(function () {
        var first = results.querySelector(".hit");
        if (first) { first.click(); }
      });
    });
    queriesRefresh.addEventListener("click", loadQueries);
    loadQueries();
    root.setAttribute("data-ready", "true");
  });
})();
