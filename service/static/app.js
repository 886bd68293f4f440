// packetcheck pages: place evidence boxes, jump to a finding's page, send decisions and uploads.
// All text shown here comes from the server already escaped; this file only sets classes,
// positions and textContent, never innerHTML.
"use strict";

const csrf = () => document.querySelector('meta[name="csrf-token"]').content;

async function postJson(url, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() },
    body: JSON.stringify(body),
    credentials: "same-origin",
  });
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail; } catch (e) { /* not JSON */ }
    throw new Error(typeof detail === "string" ? detail : JSON.stringify(detail));
  }
  return response.json();
}

function placeBoxes() {
  for (const box of document.querySelectorAll(".box[data-bbox]")) {
    const [x0, y0, x1, y1] = box.dataset.bbox.split(",").map(Number);
    if ([x0, y0, x1, y1].some(Number.isNaN)) continue;
    box.style.left = (x0 * 100) + "%";
    box.style.top = (y0 * 100) + "%";
    box.style.width = Math.max(0.4, (x1 - x0) * 100) + "%";
    box.style.height = Math.max(0.4, (y1 - y0) * 100) + "%";
  }
}

function clearSelection() {
  document.querySelectorAll(".selected").forEach((el) => el.classList.remove("selected"));
  document.querySelectorAll(".box.active").forEach((el) => el.classList.remove("active"));
  document.querySelectorAll("figure.page.current").forEach((el) => el.classList.remove("current"));
}

function select(item, kind, ref) {
  clearSelection();
  item.classList.add("selected");
  const boxes = document.querySelectorAll(`.box[data-kind="${kind}"][data-ref="${CSS.escape(ref)}"]`);
  boxes.forEach((box) => box.classList.add("active"));
  const anchor = item.dataset.anchor;
  const page = anchor ? document.getElementById(anchor) : null;
  if (page) {
    page.classList.add("current");
    // Scroll the page column only, so the header and the findings stay where they are.
    const target = boxes.length ? boxes[0] : page;
    const column = document.querySelector(".pages");
    const where = target.getBoundingClientRect(), view = column.getBoundingClientRect();
    column.scrollTop += where.top - view.top - column.clientHeight / 2 + where.height / 2;
  }
}

function wireReviewer() {
  for (const item of document.querySelectorAll("li.finding")) {
    const choose = () => { select(item, "finding", item.dataset.index); history.replaceState(null, "", "#finding-" + item.dataset.index); };
    item.addEventListener("click", (event) => { if (!event.target.closest("form")) choose(); });
    item.addEventListener("keydown", (event) => { if (event.key === "Enter" && !event.target.closest("form")) choose(); });
  }
  for (const row of document.querySelectorAll("tr.field-row")) {
    row.addEventListener("click", () => select(row, "field", row.dataset.ref));
  }
  for (const form of document.querySelectorAll("form.decision-form")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const verdict = event.submitter ? event.submitter.value : "confirmed";
      const item = form.closest("li.finding");
      try {
        await postJson(form.dataset.api, { verdict, comment: form.elements.comment.value });
        location.hash = "finding-" + item.dataset.index;
        location.reload();
      } catch (error) { alert("保存失败：" + error.message); }
    });
  }
  for (const form of document.querySelectorAll("form.review-form")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const status = event.submitter ? event.submitter.value : "recommended";
      try {
        await postJson(form.dataset.api, { status, comment: form.elements.comment.value });
        location.reload();
      } catch (error) { alert("保存失败：" + error.message); }
    });
  }
  const head = document.getElementById("submission");
  if (head && (head.dataset.status === "queued" || head.dataset.status === "running")) {
    const poll = async () => {
      const response = await fetch("/api/submissions/" + head.dataset.id, { credentials: "same-origin" });
      if (response.ok && !["queued", "running"].includes((await response.json()).status)) location.reload();
      else setTimeout(poll, 2000);
    };
    setTimeout(poll, 2000);
  }
  const match = /^#finding-(\d+)$/.exec(location.hash);
  if (match) {
    const item = document.getElementById("finding-" + match[1]);
    if (item) select(item, "finding", match[1]);
  }
}

function wireUpload() {
  const form = document.getElementById("upload-form");
  if (!form) return;
  const status = document.getElementById("upload-status");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.textContent = "上传中……";
    const response = await fetch(form.dataset.api, {
      method: "POST", body: new FormData(form), headers: { "X-CSRF-Token": csrf() }, credentials: "same-origin",
    });
    let body = {};
    try { body = await response.json(); } catch (e) { /* not JSON */ }
    if (response.ok) { location.href = "/submissions/" + body.id; return; }
    status.textContent = "上传失败：" + (typeof body.detail === "string" ? body.detail : response.statusText);
  });
}

document.addEventListener("DOMContentLoaded", () => { placeBoxes(); wireReviewer(); wireUpload(); });
