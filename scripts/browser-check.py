#!/usr/bin/env python3
"""Checks the web platform in a real browser: headless Chromium (Debian's `chromium`) driven over the Chrome DevTools
Protocol with the `websocket-client` package.

Flow: /login -> log in as the demo statistician -> county dashboard (required elements) -> upload page -> upload a demo
CSV with DOM.setFileInputFiles -> back on the dashboard -> printable report (required elements) -> Page.printToPDF.
Also prints the server-side PDF (report.pdf: a form that queues a job), follows the job page to its result and
checks the download, fetched with the browser's session cookie, starts with %PDF.

Screenshots (PNG) and PDFs go to --out (default artifacts/browser/). Exits 1 when any console error, uncaught
exception, browser log error, HTTP error on a page, or missing element was seen, listing each; 0 otherwise.

Usage: scripts/browser-check.py --base http://127.0.0.1:PORT --csv FILE [--out DIR] [--user demo-county]
       [--password junheng-demo] [--county 330101] [--year 2025] [--chromium /usr/bin/chromium]
"""
import argparse
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket  # pip: websocket-client

A4_INCHES = (8.27, 11.69)


class CDP:
    """A minimal DevTools client: one browser websocket, one page attached with a flat session."""

    def __init__(self, ws_url, timeout=60):
        self.ws = websocket.create_connection(ws_url, timeout=timeout, suppress_origin=True, enable_multithread=False)
        self.next_id = 0
        self.events = []  # every event received, in order: (method, params)
        self.session = None

    def send(self, method, params=None, session=True, timeout=60):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        self.ws.send(json.dumps(msg))
        deadline = time.time() + timeout
        while True:
            reply = self._receive(deadline, f"reply to {method}")
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error'].get('message')} {reply['error'].get('data', '')}".strip())
                return reply.get("result", {})

    def _receive(self, deadline, what):
        self.ws.settimeout(max(0.05, deadline - time.time()))
        try:
            raw = self.ws.recv()
        except websocket.WebSocketTimeoutException:
            raise TimeoutError(f"timed out waiting for {what}") from None
        msg = json.loads(raw)
        if "method" in msg:
            self.events.append((msg["method"], msg.get("params", {})))
        return msg

    def mark(self):
        return len(self.events)

    def wait_event(self, method, since, timeout=60):
        deadline = time.time() + timeout
        while True:
            for m, p in self.events[since:]:
                if m == method:
                    return p
            if time.time() > deadline:
                raise TimeoutError(f"timed out waiting for {method}")
            try:
                self._receive(deadline, method)
            except TimeoutError:
                pass

    def drain(self, seconds=0.3):
        """Reads whatever events arrive within a short time (late console messages)."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                self._receive(deadline, "events")
            except TimeoutError:
                break


class Check:
    def __init__(self, args):
        self.args = args
        self.problems = []
        self.out = args.out
        os.makedirs(self.out, exist_ok=True)

    # -- chromium -------------------------------------------------------------------------------------------------
    def start_browser(self):
        self.profile = tempfile.mkdtemp(prefix="junheng-chromium-")
        cmd = [self.args.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
               "--lang=zh-CN", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
               f"--user-data-dir={self.profile}", "about:blank"]
        self.browser_log = open(os.path.join(self.out, "chromium.log"), "wb")
        self.proc = subprocess.Popen(cmd, stdout=self.browser_log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.time() + 60
        while not (os.path.exists(port_file) and open(port_file).read().strip()):
            if self.proc.poll() is not None:
                raise RuntimeError(f"chromium exited with {self.proc.returncode}; see {self.browser_log.name}")
            if time.time() > deadline:
                raise RuntimeError("chromium did not open its DevTools port within 60 s")
            time.sleep(0.1)
        port, path = open(port_file).read().split()[:2]
        self.cdp = CDP(f"ws://127.0.0.1:{port}{path}")
        target = self.cdp.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.cdp.session = self.cdp.send("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network", "DOM"):
            self.cdp.send(f"{domain}.enable")
        self.cdp.send("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        self.cdp.send("Network.setExtraHTTPHeaders", {"headers": {"Accept-Language": "zh-CN,zh;q=0.9"}})

    def stop_browser(self):
        try:
            self.cdp.send("Browser.close", session=False, timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    # -- page helpers ---------------------------------------------------------------------------------------------
    def url(self, path):
        return self.args.base.rstrip("/") + path

    def evaluate(self, expression):
        r = self.cdp.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in r:
            raise RuntimeError(f"evaluate {expression!r}: {r['exceptionDetails'].get('text')}")
        return r["result"].get("value")

    def _await_load(self, since, what):
        self.cdp.wait_event("Page.loadEventFired", since, timeout=60)
        self.cdp.drain()
        here = self.evaluate("location.href")
        print(f"   {what}: {here}")
        return here

    def navigate(self, path, what):
        since = self.cdp.mark()
        r = self.cdp.send("Page.navigate", {"url": self.url(path)})
        if r.get("errorText"):
            self.problem(f"{what}: navigation to {path} failed: {r['errorText']}")
        return self._await_load(since, what)

    def click_and_wait(self, selector, what):
        since = self.cdp.mark()
        found = self.evaluate(f"(() => {{ const e = document.querySelector({json.dumps(selector)}); if (!e) return false; e.click(); return true; }})()")
        if not found:
            self.problem(f"{what}: missing element {selector} to click")
            return None
        return self._await_load(since, what)

    def require(self, page, *selectors, any_of=None):
        for s in selectors:
            if not self.evaluate(f"!!document.querySelector({json.dumps(s)})"):
                self.problem(f"{page}: missing element {s}")
        if any_of and not any(self.evaluate(f"!!document.querySelector({json.dumps(s)})") for s in any_of):
            self.problem(f"{page}: missing element, none of {' / '.join(any_of)}")

    def screenshot(self, name, width=1280):
        metrics = self.cdp.send("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        height = min(int(size["height"]) + 1, 12000)
        shot = self.cdp.send("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
        path = os.path.join(self.out, name)
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        print(f"   screenshot {path} ({width}x{height})")

    def problem(self, text):
        print(f"   PROBLEM: {text}")
        self.problems.append(text)

    def collect_browser_errors(self):
        """Console errors, uncaught exceptions, browser log errors and HTTP errors on pages, from every event seen."""
        for method, p in self.cdp.events:
            if method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                text = " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", []))
                self.problems.append(f"console.{p['type']}: {text}")
            elif method == "Runtime.exceptionThrown":
                d = p.get("exceptionDetails", {})
                desc = d.get("exception", {}).get("description") or d.get("text")
                self.problems.append(f"uncaught exception at {d.get('url', '?')}:{d.get('lineNumber', '?')}: {desc}")
            elif method == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                e = p["entry"]
                self.problems.append(f"browser log error ({e.get('source')}): {e.get('text')} {e.get('url', '')}".strip())
            elif method == "Network.responseReceived":
                r = p.get("response", {})
                if r.get("status", 0) >= 400 and p.get("type") in ("Document", "Stylesheet", "Script", "Image", "Font"):
                    self.problems.append(f"HTTP {r['status']} for {p.get('type')} {r.get('url')}")

    # -- the flow -------------------------------------------------------------------------------------------------
    def run(self):
        a = self.args
        dashboard_re = re.compile(rf"/counties/{a.county}/years/\d+")
        self.start_browser()
        try:
            print("== login")
            self.navigate("/login", "login page")
            self.require("login", "#username", "#password", "#login-submit", "input[name=_csrf]")
            self.screenshot("01-login.png")
            self.evaluate(f"document.querySelector('#username').value = {json.dumps(a.user)};"
                          f"document.querySelector('#password').value = {json.dumps(a.password)}; true")
            here = self.click_and_wait("#login-submit", "after login")

            print("== dashboard")
            if here and not dashboard_re.search(here):
                self.problem(f"login did not land on the county dashboard /counties/{a.county}/years/…: {here}")
                here = self.navigate(f"/counties/{a.county}/years/{a.year}", "dashboard")
            self.require("dashboard", "#verdicts", "svg.cv-chart", "#matrix-primary", "#print-report", "#upload-link",
                         any_of=("#section-primary", "#section-junior"))
            self.screenshot("02-dashboard.png")

            print("== upload")
            self.click_and_wait("#upload-link", "upload page")
            self.require("upload page", "#upload-form", "#year", "#file", "#upload-submit")
            self.screenshot("03-upload-form.png")
            self.evaluate(f"document.querySelector('#year').value = {json.dumps(str(a.year))}; true")
            doc = self.cdp.send("DOM.getDocument", {"depth": 0})
            node = self.cdp.send("DOM.querySelector", {"nodeId": doc["root"]["nodeId"], "selector": "#file"}).get("nodeId")
            if node:
                self.cdp.send("DOM.setFileInputFiles", {"files": [os.path.abspath(a.csv)], "nodeId": node})
                chosen = self.evaluate("document.querySelector('#file').files.length")
                if chosen != 1:
                    self.problem(f"upload page: the file input holds {chosen} files after DOM.setFileInputFiles")
            here = self.click_and_wait("#upload-submit", "after upload")
            if here and not (dashboard_re.search(here) and "uploaded=" in here):
                error = self.evaluate("(document.querySelector('#upload-error') || {}).innerText || ''")
                status = self.evaluate("document.title")
                self.problem(f"upload did not redirect to the dashboard (at {here}, page {status!r}) {error}".strip())
                # Go on to the dashboard and the report, so one failure does not hide the others.
                self.screenshot("04-upload-result.png")
                self.navigate(f"/counties/{a.county}/years/{a.year}", "dashboard (after the failed upload)")
            self.require("dashboard after upload", "#verdicts", "svg.cv-chart", "#print-report")
            if not os.path.exists(os.path.join(self.out, "04-upload-result.png")):
                self.screenshot("04-upload-result.png")

            print("== printable report")
            self.click_and_wait("#print-report", "report")
            self.require("report", "#report-title", "#report-verdict")
            self.screenshot("05-report.png")
            pdf = self.cdp.send("Page.printToPDF", {
                "paperWidth": A4_INCHES[0], "paperHeight": A4_INCHES[1], "printBackground": True,
                "preferCSSPageSize": True, "displayHeaderFooter": False}, timeout=120)
            data = base64.b64decode(pdf["data"])
            path = os.path.join(self.out, "report.pdf")
            with open(path, "wb") as f:
                f.write(data)
            print(f"   Page.printToPDF -> {path} ({len(data):,} bytes)")
            if not data.startswith(b"%PDF"):
                self.problem("Page.printToPDF did not return a PDF")

            print("== server-side PDF download")
            self.check_server_pdf()
            self.cdp.drain(0.5)

            print("== pre-survey: issue one invitation, answer it on a phone")
            self.survey_on_a_phone()
            self.cdp.drain(0.5)

            print("== public funding portal (no login needed)")
            self.public_funding_portal()
            self.cdp.drain(0.5)
        finally:
            if hasattr(self, "cdp"):
                self.collect_browser_errors()
            if hasattr(self, "proc"):
                self.stop_browser()

    def public_funding_portal(self):
        a = self.args
        self.navigate(f"/public/counties/{a.county}", "public county page")
        self.require("public county page", "#table-function-initial", "#table-economic", "#table-source", "svg.money-bars",
                     "svg.money-trend", "#rules-county", "#datapackage-link")
        self.screenshot("08-public-county.png")
        year = self.evaluate("(() => { const m = document.querySelector('#datapackage-link').getAttribute('href').match(/years\\/(\\d+)/); return m ? m[1] : null; })()")
        if not year:
            self.problem("public county page: no year in the data package link")
            return
        self.navigate(f"/public/counties/{a.county}/years/{year}/schools", "public schools page")
        self.require("public schools page", "#schools")
        self.screenshot("09-public-schools.png")
        self.navigate(f"/public/counties/{a.county}/years/{year}/projects", "public projects page")
        self.require("public projects page", "#projects", "svg.progress")
        self.screenshot("10-public-projects.png")

    def survey_on_a_phone(self):
        a = self.args
        self.navigate(f"/counties/{a.county}/surveys", "surveys")
        self.require("surveys", "#survey-list")
        href = self.evaluate("(() => { for (const tr of document.querySelectorAll('#survey-list tbody tr'))"
                             " if (tr.innerText.includes('进行中')) return tr.querySelector('a').getAttribute('href'); return null; })()")
        if not href:
            self.problem("surveys: no open survey listed")
            return
        self.navigate(href, "survey page")
        self.require("survey page", "#invite-form", "#survey-groups")
        self.evaluate("document.querySelector('#group').value = 'parent'; document.querySelector('#count').value = '1'; true")
        self.click_and_wait("#invite-form button[type=submit]", "slips")
        self.require("slips", ".slip svg.qr", ".slip-code")
        code = self.evaluate("(document.querySelector('.slip-code') || {}).innerText || ''").replace("邀请码", "").strip()
        if len(code.replace("-", "")) != 13:
            self.problem(f"slips: no 13-character code ({code!r})")
            return
        self.cdp.send("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
        try:
            self.navigate("/s", "answer page (phone)")
            self.require("answer entry", "#code-form", "#code")
            self.evaluate(f"document.querySelector('#code').value = {json.dumps(code.lower())}; true")
            self.click_and_wait("#code-form button[type=submit]", "questionnaire (phone)")
            self.require("questionnaire", "#survey-form", ".survey-option input[type=radio]", "#survey-submit")
            wide = self.evaluate("document.documentElement.scrollWidth")
            if wide and wide > 400:
                self.problem(f"questionnaire: the page is {wide}px wide on a 390px phone (horizontal scrolling)")
            self.evaluate("document.querySelectorAll('.survey-item').forEach(f => f.querySelector('input[type=radio]').click()); true")
            self.screenshot("06-survey-phone.png", width=390)
            self.click_and_wait("#survey-submit", "after answering")
            self.require("answered", "#survey-done")
            self.screenshot("07-survey-done.png", width=390)
        finally:
            self.cdp.send("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})

    def check_server_pdf(self):
        """The report page's PDF is printed in the job queue: start it with the form, follow the job page (it
        refreshes itself) until it links the result, then download that with the browser's session cookie."""
        a = self.args
        path = f"/counties/{a.county}/years/{a.year}/report.pdf"
        self.navigate(path, "PDF form")
        self.require("PDF form", "#pdf-start")
        here = self.click_and_wait("#pdf-start", "PDF job")
        if not here or "/jobs/" not in here:
            self.problem(f"POST {path} did not lead to a job page (at {here})")
            return
        job_path = "/jobs/" + here.split("/jobs/", 1)[1].split("?")[0]
        link, state = None, None
        deadline = time.time() + 180
        while time.time() < deadline:
            state = self.evaluate("(document.querySelector('#job-state') || {dataset: {}}).dataset.state || ''")
            link = self.evaluate("(document.querySelector('#job-result') || {}).getAttribute ? document.querySelector('#job-result').getAttribute('href') : null")
            if state in ("succeeded", "failed", "cancelled"):
                break
            time.sleep(1)
            self.navigate(job_path, "PDF job (again)")
        if state != "succeeded" or not link:
            error = self.evaluate("(document.querySelector('#job-error') || {}).innerText || ''")
            self.problem(f"PDF job {job_path} ended {state!r} without a result {error}".strip())
            return
        self.screenshot("06-pdf-job.png")
        cookies = self.cdp.send("Network.getCookies", {"urls": [self.url("/")]})["cookies"]
        header = "; ".join(f"{c['name']}={c['value']}" for c in cookies)
        req = urllib.request.Request(self.url(link), headers={"Cookie": header})
        try:
            with urllib.request.urlopen(req, timeout=180) as r:
                body, status, ctype = r.read(), r.status, r.headers.get("Content-Type")
        except urllib.error.HTTPError as e:
            self.problem(f"GET {link}: HTTP {e.code} {e.read()[:200]!r}")
            return
        out = os.path.join(self.out, "report-server.pdf")
        with open(out, "wb") as f:
            f.write(body)
        print(f"   GET {link}: HTTP {status}, {ctype}, {len(body):,} bytes -> {out}")
        if not body.startswith(b"%PDF"):
            self.problem(f"GET {link}: body does not start with %PDF: {body[:60]!r}")

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True, help="server URL, e.g. http://127.0.0.1:8080")
    ap.add_argument("--csv", required=True, help="statistics file to upload")
    ap.add_argument("--out", default="artifacts/browser")
    ap.add_argument("--user", default="demo-county")
    ap.add_argument("--password", default="junheng-demo")
    ap.add_argument("--county", default="330101")
    ap.add_argument("--year", default=2025, type=int)
    ap.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = ap.parse_args()
    check = Check(args)
    try:
        check.run()
    except Exception as e:  # a broken flow is a failure, reported with what was seen so far
        check.problems.append(f"check aborted: {type(e).__name__}: {e}")
    if check.problems:
        print(f"== browser check FAILED: {len(check.problems)} problem(s)")
        for p in check.problems:
            print(f"   - {p}")
        return 1
    print(f"== browser check passed; screenshots and PDFs in {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
