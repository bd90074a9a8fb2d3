/* The staff gaps page (/staff/gaps): the grouped gaps of /api/staff/gaps with weekly counts, a
   Q&A-draft and an alias-draft form per group (POST /api/staff/drafts), and the drafts list with
   approve / reject. Every text is inserted with text nodes only (GuideRender.h); writes send the
   page's CSRF token as X-CSRF-Token. */
(function () {
  "use strict";

  var R = window.GuideRender, h = R.h;
  var STATUS_NAMES = {pending: "待审核", approved: "已批准（待导出）", rejected: "已驳回", exported: "已导出"};
  var KIND_NAMES = {qa: "问答草稿", alias: "别名草稿"};
  var topics = {}, departments = {}, csrf = "";
  var table, head, body, gapsStatus, weeksSelect, draftsList, draftsMessage, draftsStatus;

  function api(method, url, payload) {
    var options = {method: method, credentials: "same-origin", headers: {"Accept": "application/json"}};
    if (payload !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.headers["X-CSRF-Token"] = csrf;
      options.body = JSON.stringify(payload);
    }
    return fetch(url, options).then(function (res) {
      return res.json().catch(function () { return null; }).then(function (data) {
        return {ok: res.ok, status: res.status, data: data};
      });
    });
  }

  function loginNeeded(target) {
    target.textContent = "";
    target.appendChild(h("span", {class: "login-needed"}, "请先以工作人员身份登录。 ",
      h("a", {href: "/staff/login?next=" + encodeURIComponent("/staff/gaps")}, "工作人员登录")));
  }

  // ------------------------------------------------------------ gaps table

  function loadGaps() {
    gapsStatus.textContent = "正在加载…";
    return api("GET", "/api/staff/gaps?weeks=" + encodeURIComponent(weeksSelect.value)).then(function (r) {
      if (r.status === 401 || r.status === 403) { table.hidden = true; loginNeeded(gapsStatus); return; }
      if (!r.ok || !r.data) {
        gapsStatus.textContent = R.errorMessage(r.data, "暂时无法获取缺口列表（" + r.status + "）。");
        return;
      }
      renderGaps(r.data);
    }).catch(function () { gapsStatus.textContent = "网络连接失败，缺口列表未加载。"; });
  }

  function renderGaps(report) {
    var weeks = report.weeks || [], groups = report.groups || [];
    head.textContent = "";
    R.append(head, [h("th", {scope: "col"}, "问题（示例，已脱敏）"), h("th", {scope: "col"}, "可能的事项"),
      weeks.map(function (w) { return h("th", {scope: "col", class: "week"}, w.replace(/^\d{4}-/, "")); }),
      h("th", {scope: "col", class: "week"}, "合计"), h("th", {scope: "col"}, "未答 / 没帮助"),
      h("th", {scope: "col"}, "最近出现"), h("th", {scope: "col"}, "操作")]);
    body.textContent = "";
    groups.forEach(function (group) { body.appendChild(gapRow(group, weeks)); });
    table.hidden = groups.length === 0;
    gapsStatus.textContent = groups.length
      ? "共 " + groups.length + " 组（自 " + report.since + " 起）。"
      : "自 " + report.since + " 起没有未答或没帮助的问题。";
  }

  function gapRow(group, weeks) {
    var row = h("tr", {class: "gap", "data-key": group.normalized});
    var matter = group.matter;
    var qaButton = h("button", {type: "button", class: "btn btn--small"}, "转为问答草稿");
    var aliasButton = h("button", {type: "button", class: "btn btn--small btn--ghost"}, "添加为事项别名");
    qaButton.addEventListener("click", function () { toggleForm(row, "qa", group, weeks.length); });
    aliasButton.addEventListener("click", function () { toggleForm(row, "alias", group, weeks.length); });
    R.append(row, [
      h("td", {class: "gap__question"}, group.example,
        group.normalized !== group.example ? h("span", {class: "gap__normalized"}, "归一化：" + group.normalized) : null,
        group.lookalike ? h("span", {class: "gap__lookalike"}, "目录已知未收录：" + group.lookalike) : null),
      h("td", {class: "gap__matter"}, matter
        ? h("a", {href: "/matters/" + encodeURIComponent(matter.id)}, matter.title || matter.id) : "—"),
      group.weekly.map(function (n, i) {
        return h("td", {class: "week" + (n ? "" : " is-zero"), title: weeks[i]}, String(n));
      }),
      h("td", {class: "total"}, String(group.total)),
      h("td", {class: "gap__split"}, group.unanswered + " / " + group.disliked),
      h("td", {class: "gap__seen"}, group.last_seen),
      h("td", {class: "gap__actions"}, qaButton, aliasButton,
        group.drafts ? h("span", {class: "muted"}, "已有 " + group.drafts + " 份草稿") : null)
    ]);
    return row;
  }

  function toggleForm(row, kind, group, weekCount) {
    var next = row.nextElementSibling;
    if (next && next.classList.contains("gap-form-row")) {
      var same = next.getAttribute("data-kind") === kind;
      next.remove();
      if (same) { return; }
    }
    var form = kind === "qa" ? qaForm(group) : aliasForm(group);
    var formRow = h("tr", {class: "gap-form-row", "data-kind": kind}, h("td", {colspan: String(weekCount + 6)}, form));
    row.parentNode.insertBefore(formRow, row.nextSibling);
    var first = form.querySelector("input, textarea, select");
    if (first) { first.focus(); }
  }

  var fieldCounter = 0;
  function field(label, control) {
    var id = "draft-field-" + (++fieldCounter);
    control.id = id;
    return [h("label", {for: id}, label), control];
  }

  function select(options, chosen) {
    var el = h("select", null);
    Object.keys(options).forEach(function (code) {
      el.appendChild(h("option", {value: code, selected: code === chosen}, code + " " + options[code]));
    });
    return el;
  }

  function lines(text) {
    return text.split(/[\n,，、]+/).map(function (s) { return s.trim(); }).filter(Boolean);
  }

  function qaForm(group) {
    var question = h("input", {type: "text", maxlength: "200", value: group.example});
    var variants = h("textarea", {placeholder: "每行一种说法（不要照抄评测集问题）"});
    var answer = h("textarea", {maxlength: "400", placeholder: "用自己的话写出规定（不超过 400 字）"});
    var topic = select(topics, "");
    var department = select(departments, "");
    var region = h("input", {type: "text", maxlength: "6", value: "000000", inputmode: "numeric"});
    var law = h("input", {type: "text", placeholder: "如：《中华人民共和国劳动合同法》"});
    var article = h("input", {type: "text", placeholder: "如：第十九条"});
    var related = h("input", {type: "text", value: group.matter ? group.matter.id : "",
                              placeholder: "事项编号，多个用逗号分隔"});
    var form = h("form", {class: "draft-form draft-form--qa", novalidate: true},
      field("问题", question), field("其他问法", variants), field("答复", answer), field("主题", topic),
      field("答复部门", department), field("适用地区代码", region), field("依据（法规名称）", law),
      field("依据（条款）", article), field("相关事项", related));
    return finishForm(form, "提交问答草稿", function () {
      return {kind: "qa", gap: group.normalized, question: question.value, variants: lines(variants.value),
              answer: answer.value, topic: topic.value, department: department.value, region: region.value.trim(),
              basis: [{law: law.value, article: article.value}], related: lines(related.value)};
    });
  }

  function aliasForm(group) {
    var matterId = h("input", {type: "text", maxlength: "60", value: group.matter ? group.matter.id : "",
                               placeholder: "如：370100-GA-002"});
    var alias = h("input", {type: "text", maxlength: "40", value: group.normalized});
    var form = h("form", {class: "draft-form draft-form--alias", novalidate: true},
      field("事项编号", matterId), field("别名（群众的说法）", alias));
    return finishForm(form, "提交别名草稿", function () {
      return {kind: "alias", gap: group.normalized, matter_id: matterId.value.trim(), alias: alias.value};
    });
  }

  function finishForm(form, label, collect) {
    var problems = h("ul", {class: "problems", role: "alert"});
    var submit = h("button", {type: "submit", class: "btn"}, label);
    R.append(form, [problems, h("p", {class: "actions"}, submit)]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submit.disabled = true;
      problems.textContent = "";
      api("POST", "/api/staff/drafts", collect()).then(function (r) {
        submit.disabled = false;
        if (r.ok) {
          var row = form.closest("tr");
          if (row) { row.remove(); }
          draftsMessage.textContent = KIND_NAMES[r.data.kind] + " #" + r.data.id + " 已保存，等待审核。";
          loadDrafts();
          loadGaps();
          return;
        }
        var list = (r.data && r.data.problems) || [];
        if (!list.length) { list = [{field: (r.data && r.data.field) || "", message: R.errorMessage(r.data, "保存失败（" + r.status + "）。")}]; }
        list.forEach(function (p) { problems.appendChild(h("li", null, (p.field ? p.field + "：" : "") + p.message)); });
      }).catch(function () {
        submit.disabled = false;
        problems.appendChild(h("li", null, "网络连接失败，草稿未保存。"));
      });
    });
    return form;
  }

  // ------------------------------------------------------------ drafts

  function loadDrafts() {
    var status = draftsStatus.value;
    return api("GET", "/api/staff/drafts" + (status ? "?status=" + encodeURIComponent(status) : "")).then(function (r) {
      draftsList.textContent = "";
      if (r.status === 401 || r.status === 403) { loginNeeded(draftsMessage); return; }
      if (!r.ok || !r.data) {
        draftsMessage.textContent = R.errorMessage(r.data, "暂时无法获取草稿（" + r.status + "）。");
        return;
      }
      if (!r.data.drafts.length) { draftsList.appendChild(h("li", {class: "muted"}, "暂无草稿")); }
      r.data.drafts.forEach(function (d) { draftsList.appendChild(draftItem(d)); });
    }).catch(function () { draftsMessage.textContent = "网络连接失败，草稿未加载。"; });
  }

  function draftItem(d) {
    var p = d.payload, summary;
    if (d.kind === "qa") {
      summary = [h("strong", null, p.question), h("p", null, p.answer),
        h("p", {class: "draft__meta"}, "主题 " + p.topic + " · 部门 " + p.department + " · 地区 " + p.region +
          " · 依据 " + p.basis.map(function (b) { return b.law + b.article; }).join("；") +
          (p.variants.length ? " · 其他问法：" + p.variants.join("、") : "") +
          (p.related.length ? " · 相关事项：" + p.related.join("、") : ""))];
    } else {
      summary = [h("strong", null, p.alias), " → ", h("a", {href: "/matters/" + encodeURIComponent(p.matter_id)}, p.matter_id)];
    }
    var item = h("li", {class: "draft", "data-id": String(d.id), "data-status": d.status},
      h("span", {class: "draft__status"}, STATUS_NAMES[d.status] || d.status),
      h("span", null, KIND_NAMES[d.kind] + " #" + d.id + " "), summary,
      h("p", {class: "draft__meta"}, "提交：" + d.created_by + " " + d.created +
        (d.reviewed_by ? " · 审核：" + d.reviewed_by + " " + d.reviewed : "") +
        (d.export_path ? " · 导出到 " + d.export_path : "")));
    if (d.status === "pending") {
      var approve = h("button", {type: "button", class: "btn btn--small"}, "批准");
      var reject = h("button", {type: "button", class: "btn btn--small btn--ghost"}, "驳回");
      approve.addEventListener("click", function () { review(d.id, "approve"); });
      reject.addEventListener("click", function () { review(d.id, "reject"); });
      item.appendChild(h("p", {class: "actions"}, approve, " ", reject));
    }
    return item;
  }

  function review(id, action) {
    api("POST", "/api/staff/drafts/" + id + "/" + action, {}).then(function (r) {
      draftsMessage.textContent = r.ok
        ? "草稿 #" + id + (action === "approve" ? " 已批准，等待导出。" : " 已驳回。")
        : R.errorMessage(r.data, "操作失败（" + r.status + "）。");
      loadDrafts();
      loadGaps();
    }).catch(function () { draftsMessage.textContent = "网络连接失败，操作未完成。"; });
  }

  // ------------------------------------------------------------ wiring

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("gaps-root");
    var meta = document.querySelector('meta[name="csrf-token"]');
    csrf = meta ? meta.getAttribute("content") : "";
    topics = R.parseJsonAttr(root, "data-topics");
    departments = R.parseJsonAttr(root, "data-departments");
    table = document.getElementById("gaps-table");
    head = document.getElementById("gaps-head");
    body = document.getElementById("gaps-body");
    gapsStatus = document.getElementById("gaps-status");
    weeksSelect = document.getElementById("gaps-weeks");
    draftsList = document.getElementById("drafts-list");
    draftsMessage = document.getElementById("drafts-message");
    draftsStatus = document.getElementById("drafts-status");
    weeksSelect.addEventListener("change", loadGaps);
    draftsStatus.addEventListener("change", loadDrafts);
    document.getElementById("gaps-refresh").addEventListener("click", function () { loadGaps(); loadDrafts(); });
    Promise.all([loadGaps(), loadDrafts()]).then(function () { root.setAttribute("data-ready", "true"); });
  });
})();
