"""term.py - the admin TUI in a real terminal for the end-to-end tests: a
private tmux server (its own socket), one session "m" running a command.

    t = Term("mail")            # the server's name gets the pid: runs never meet
    t.start(cmd, 100, 30)       # a fresh server (the old one gone first); "" or tmux's error
    t.wait_for("Orders")        # poll the pane until the text shows (or the time is up)
    t.keys("Tab"); t.type("a name")
    t.pane(); t.stop()
"""
import os
import subprocess
import time


class Term:
    def __init__(self, name):
        self.sock = "shelf-%s-%d" % (name, os.getpid())

    def tmux(self, *args):
        return subprocess.run(["tmux", "-L", self.sock, "-f", "/dev/null"] + list(args), capture_output=True, text=True)

    def stop(self):
        self.tmux("kill-server")
        for _ in range(100):
            if self.tmux("has-session", "-t", "m").returncode != 0:
                return
            time.sleep(0.05)

    def start(self, cmd, width=100, height=30):
        self.stop()
        r = self.tmux("new-session", "-d", "-s", "m", "-x", str(width), "-y", str(height), cmd + "; sleep 30")
        return "" if r.returncode == 0 else "new-session: " + r.stderr

    def pane(self):
        return self.tmux("capture-pane", "-p", "-t", "m").stdout

    def wait_for(self, text, seconds=8):
        end = time.time() + seconds
        while time.time() < end:
            if text in self.pane():
                return True
            time.sleep(0.05)
        return False

    def keys(self, *k):
        self.tmux("send-keys", "-t", "m", *k)
        time.sleep(0.15)

    def type(self, text):
        self.keys("-l", text)
