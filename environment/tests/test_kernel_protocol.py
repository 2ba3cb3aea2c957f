"""Jupyter messaging-protocol tests of the kernel "java" (jupyter_kernel_test, Debian package
python3-jupyter-kernel-test):

    /usr/bin/python3 -m unittest discover -s environment/tests -p 'test_*.py' -v

DFA_KERNEL selects another kernelspec name. rapaio-jupyter-kernel answers expression results and
display() with text/html (its display.defaultMime), IJava with text/plain: the samples follow the
kernelspec's metadata written by environment/install-kernel.
"""
import os
import queue
import subprocess
import tempfile
import time
import unittest

import jupyter_kernel_test
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import start_new_kernel
from jupyter_kernel_test.msgspec_v5 import validate_message

KERNEL = os.environ.get("DFA_KERNEL", "java")
_meta = KernelSpecManager().get_kernel_spec(KERNEL).metadata.get("dfa_lab", {})
MIME = "text/html" if "rapaio" in _meta.get("kernel", "rapaio") else "text/plain"


class JavaKernelProtocolTests(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL
    language_name = "java"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'
    code_generate_error = 'throw new IllegalStateException("deliberate");'
    code_execute_result = [{"code": "6 * 7", "mime": MIME, "result": "42"}]
    code_display_data = [{"code": 'display("shown");', "mime": MIME}]
    complete_code_samples = ["int x = 1;", 'System.out.println("a");']
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {"]
    completion_samples = [{"text": "System.out.printl"}]

    @classmethod
    def setUpClass(cls):
        # the kernel's own output goes to a file (checked for the HMAC key at the end)
        cls.log = tempfile.NamedTemporaryFile(prefix="kernel-", suffix=".log", delete=False)
        cls.km, cls.kc = start_new_kernel(kernel_name=cls.kernel_name, startup_timeout=60,
                                          stdout=cls.log, stderr=cls.log)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.log.close()
        os.unlink(cls.log.name)

    def test_kernel_info(self):
        # As jupyter_kernel_test's, less the reply's "status" field: rapaio-jupyter-kernel 3.0.1
        # leaves it out of kernel_info_reply (Jupyter clients do not need it).
        self.flush_channels()
        msg_id = self.kc.kernel_info()
        reply = self.kc.get_shell_msg(timeout=jupyter_kernel_test.TIMEOUT)
        reply["content"].setdefault("status", "ok")
        validate_message(reply, "kernel_info_reply", msg_id)
        self.assertEqual(reply["content"]["language_info"]["name"], self.language_name)

    def test_control_request_during_a_cell_leaves_the_cell_its_reply(self):
        # jupyter_server sends kernel_info_request on the control channel when a client connects: one
        # arriving while a cell runs took the cell's reply and idle status (the kernel kept one request
        # id for both channels), and JupyterLab's Run All left that cell without an execution count.
        drain(self.kc)
        cell = self.kc.execute("Thread.sleep(2000);")
        await_iopub(self, self.kc, cell, lambda m: m["msg_type"] == "execute_input")  # the cell is running
        self.kc.control_channel.send(self.kc.session.msg("kernel_info_request"))
        replies = {}
        deadline = time.monotonic() + 30
        while cell not in replies and time.monotonic() < deadline:
            try:
                m = self.kc.get_shell_msg(timeout=1)
            except queue.Empty:
                continue
            replies[m["parent_header"].get("msg_id")] = m
        self.assertIn(cell, replies, f"no reply to the cell, replies to {list(replies)}")
        self.assertEqual(replies[cell]["msg_type"], "execute_reply")
        self.assertEqual(replies[cell]["content"]["status"], "ok")
        await_iopub(self, self.kc, cell, lambda m: m["msg_type"] == "status"
                         and m["content"]["execution_state"] == "idle")

    def test_output_of_a_thread_the_cell_started_is_the_cells(self):
        # the request id is kept per channel thread: a thread that handles none prints into the running cell
        drain(self.kc)
        cell = self.kc.execute('Thread t = new Thread(() -> System.out.println("from a thread"));'
                               ' t.start(); t.join();')
        await_iopub(self, self.kc, cell, lambda m: m["msg_type"] == "stream"
                    and "from a thread" in m["content"]["text"])

    def test_zz_key_not_in_kernel_output(self):
        self.kc.execute_interactive("1+1", timeout=30)   # some traffic first
        key = self.km.session.key
        key = key.decode() if isinstance(key, bytes) else key
        with open(self.log.name, encoding="utf-8", errors="replace") as f:
            text = f.read()
        self.assertTrue(key)
        # assertFalse, not assertNotIn: a failure must not print the key again
        self.assertFalse(key in text, "the kernel logged its connection's HMAC key")


class JavaKernelInterruptTests(unittest.TestCase):
    """Interrupts, in a kernel of their own: a broken interrupt would leave the other tests' kernel unusable."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=60,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def test_an_interrupted_cell_ends_and_the_next_cell_runs(self):
        # The interrupt comes on the control channel while the cell runs. 3.0.1 gave the interrupted cell
        # no reply (the interrupt took its request id: JupyterLab showed it running for ever), and shut
        # its execution engine down, so every later cell "ran" without running: no output, status ok.
        drain(self.kc)
        cell = self.kc.execute("Thread.sleep(60_000);")
        await_iopub(self, self.kc, cell, lambda m: m["msg_type"] == "execute_input")
        time.sleep(0.5)
        self.km.interrupt_kernel()
        deadline = time.monotonic() + 30
        reply = None
        while reply is None and time.monotonic() < deadline:
            try:
                m = self.kc.get_shell_msg(timeout=1)
            except queue.Empty:
                continue
            if m["parent_header"].get("msg_id") == cell:
                reply = m
        self.assertIsNotNone(reply, "no reply to the interrupted cell in 30 s (it sleeps 60 s)")
        after = self.kc.execute('System.out.println("after the interrupt");')
        await_iopub(self, self.kc, after, lambda m: m["msg_type"] == "stream"
                    and "after the interrupt" in m["content"]["text"])


def drain(kc):
    """Drops what earlier requests left on the shell and IOPub channels, unchecked."""
    for get in (kc.get_shell_msg, kc.get_iopub_msg):
        while True:
            try:
                get(timeout=0.2)
            except queue.Empty:
                break


def await_iopub(test, kc, parent, wanted, timeout=30):
    """The first IOPub message of request `parent` that `wanted` accepts; fails `test` after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            m = kc.get_iopub_msg(timeout=1)
        except queue.Empty:
            continue
        if m["parent_header"].get("msg_id") == parent and wanted(m):
            return m
    test.fail(f"no such IOPub message for {parent} in {timeout} s")


if __name__ == "__main__":
    unittest.main()
