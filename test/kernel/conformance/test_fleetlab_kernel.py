"""Jupyter's kernel conformance suite (jupyter_kernel_test) run against the FleetLab kernel.

Run by test/kernel/conformance.test.ts after `fleetlab install-kernel --prefix <tmp>` with
JUPYTER_PATH=<tmp>/share/jupyter:  /usr/bin/python3 -m unittest test_fleetlab_kernel
"""
import unittest

import jupyter_kernel_test

RUNTIME = 'import { currentKernelRuntime } from "fleetlab/dist/src/kernel/runtime";\n'


class FleetLabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "fleetlab"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("oops")'

    completion_samples = [
        # Matching is case-insensitive by prefix (tslab), so the SQRT constants come too.
        {"text": "Math.sqr", "matches": {"sqrt", "SQRT1_2", "SQRT2"}},
        {"text": 'const fleetMtbfHours = 4; fleetMtbfH', "matches": {"fleetMtbfHours"}},
    ]

    complete_code_samples = ["1 + 1", "const gpus: number = 4096;", "function f(x: number) { return x; }"]
    incomplete_code_samples = ["function f(x: number) {", "const a = [1, 2,", "if (true) {"]

    code_generate_error = 'throw new Error("checkpointSeconds must be > 0")'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"fleet" + "lab"', "result": "'fleetlab'"},
        {"code": "[1, 2, 3].map((x: number) => x * 2)", "result": "[ 2, 4, 6 ]"},
    ]

    code_display_data = [
        {"code": RUNTIME + 'currentKernelRuntime()!.display({ "text/html": "<b>fleet</b>" })', "mime": "text/html"},
        {"code": RUNTIME + 'currentKernelRuntime()!.display({ "text/plain": "fleet" })', "mime": "text/plain"},
    ]

    code_inspect_sample = "Math.sqrt"

    code_clear_output = RUNTIME + "currentKernelRuntime()!.clearOutput()"

    # history_request is answered with an empty history: no history operations are claimed.
    supported_history_operations = ()


if __name__ == "__main__":
    unittest.main()
