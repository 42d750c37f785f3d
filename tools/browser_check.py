#!/usr/bin/env python3
"""Renders an HTML report in headless Chromium and checks that it rendered, for the tests.

    tools/browser_check.py REPORT.html SCREENSHOT.png [--browser PATH]

Drives chromium-headless-shell over the DevTools protocol on a pipe (standard library only): loads
the page at a desktop width and at a phone's, and prints one JSON object: the page's height, its
width against the viewport's, the charts drawn (inline SVGs with a size), the console messages and
errors, and every URL the page asked for. Writes a screenshot of the whole page. Exit 0 when it
ran, 2 when the browser could not be started (the message says how to install it).
"""
import base64, json, os, shutil, subprocess, sys, time

INSTALL = "sudo apt-get install -y chromium-headless-shell"


class Browser:
    def __init__(self, path):
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()
        # dup2 onto the same number keeps close-on-exec: the browser's ends must be inheritable.
        os.set_inheritable(to_browser_r, True)
        os.set_inheritable(from_browser_w, True)
        self.process = subprocess.Popen(
            [path, "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--no-first-run", "--mute-audio", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            # The protocol's pipe is fds 3 and 4: subprocess would close them after preexec_fn.
            close_fds=False, preexec_fn=lambda: (os.dup2(to_browser_r, 3), os.dup2(from_browser_w, 4)))
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.receive()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})
            self.events.append(reply)

    def receive(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("the browser closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_for(self, method, session, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for event in self.events:
                if event.get("method") == method and event.get("sessionId") == session:
                    self.events.remove(event)
                    return event
            self.events.append(self.receive())
        raise RuntimeError("no %s within %d s" % (method, timeout))

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        self.process.wait(timeout=10)


MEASURE = """(() => {
  const charts = [...document.querySelectorAll('figure svg')].map(svg => {
    const box = svg.getBoundingClientRect();
    return {id: svg.getAttribute('aria-labelledby'), width: Math.round(box.width), height: Math.round(box.height),
            title: (svg.querySelector('title') || {}).textContent || ''};
  });
  return JSON.stringify({height: document.documentElement.scrollHeight, width: document.documentElement.scrollWidth,
    viewport: window.innerWidth, headings: [...document.querySelectorAll('h2')].map(h => h.textContent),
    tables: document.querySelectorAll('table').length, charts});
})()"""


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    report, screenshot = os.path.abspath(sys.argv[1]), sys.argv[2]
    path = sys.argv[sys.argv.index("--browser") + 1] if "--browser" in sys.argv else shutil.which("chromium-headless-shell")
    if not path:
        print("chromium-headless-shell is not installed: %s" % INSTALL, file=sys.stderr)
        sys.exit(2)
    browser = Browser(path)
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.send(domain + ".enable", session=session)
        result = {}
        for name, width in (("desktop", 1100), ("phone", 390)):
            browser.send("Emulation.setDeviceMetricsOverride",
                         {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": name == "phone"}, session)
            browser.send("Page.navigate", {"url": "file://" + report}, session)
            browser.wait_for("Page.loadEventFired", session)
            value = browser.send("Runtime.evaluate", {"expression": MEASURE, "returnByValue": True}, session)
            result[name] = json.loads(value["result"]["value"])
            if name == "desktop":
                shot = browser.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                    "clip": {"x": 0, "y": 0, "width": width, "height": result[name]["height"], "scale": 1}}, session)
                with open(screenshot, "wb") as file:
                    file.write(base64.b64decode(shot["data"]))
        # Whatever arrived meanwhile: console messages, errors, requests.
        deadline = time.time() + 0.5
        while time.time() < deadline and browser.buffer:
            browser.events.append(browser.receive())
        events = [e for e in browser.events if e.get("sessionId") == session]
        result["console"] = [" ".join(str(a.get("value", a.get("description", ""))) for a in e["params"]["args"])
                             for e in events if e.get("method") == "Runtime.consoleAPICalled"]
        result["errors"] = [e["params"]["exceptionDetails"].get("text", "") for e in events
                            if e.get("method") == "Runtime.exceptionThrown"]
        result["errors"] += [e["params"]["entry"]["text"] for e in events
                             if e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error"]
        result["requests"] = sorted({e["params"]["request"]["url"] for e in events
                                     if e.get("method") == "Network.requestWillBeSent"})
        print(json.dumps(result, indent=1, sort_keys=True))
    finally:
        browser.close()


if __name__ == "__main__":
    main()
