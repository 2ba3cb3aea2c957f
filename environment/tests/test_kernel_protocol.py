"""Jupyter messaging-protocol tests of the kernel "java" (jupyter_kernel_test, Debian package
python3-jupyter-kernel-test):

    /usr/bin/python3 -m unittest discover -s environment/tests -p 'test_*.py' -v

DFA_KERNEL selects another kernelspec name. rapaio-jupyter-kernel answers expression results and
display() with text/html (its display.defaultMime), IJava with text/plain: the samples follow the
kernelspec's metadata written by environment/install-kernel.
"""
import os
import tempfile
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

    def test_zz_key_not_in_kernel_output(self):
        self.kc.execute_interactive("1+1", timeout=30)   # some traffic first
        key = self.km.session.key
        key = key.decode() if isinstance(key, bytes) else key
        with open(self.log.name, encoding="utf-8", errors="replace") as f:
            text = f.read()
        self.assertTrue(key)
        # assertFalse, not assertNotIn: a failure must not print the key again
        self.assertFalse(key in text, "the kernel logged its connection's HMAC key")


if __name__ == "__main__":
    unittest.main()
