#!/usr/bin/env python3
"""Runs a command N times with stdout to a file; prints the fastest wall time (s), its peak RSS (KiB), and the
median wall time (s) and largest peak RSS (KiB) over the runs.

Usage: best_of.py RUNS STDOUT_FILE COMMAND...
Wall time comes from time.perf_counter around fork/exec/wait, peak RSS from wait4's ru_maxrss.
"""
import os
import sys
import time


def run_once(command, stdout_path):
    with open(stdout_path, "wb") as out:
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            os.dup2(out.fileno(), 1)
            os.execvp(command[0], command)
        _, status, usage = os.wait4(pid, 0)
        elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"command failed ({os.waitstatus_to_exitcode(status)}): {' '.join(command)}")
    return elapsed, usage.ru_maxrss


def main():
    runs, stdout_path, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    results = [run_once(command, stdout_path) for _ in range(runs)]
    best = min(results)
    times = sorted(t for t, _ in results)
    median = times[len(times) // 2] if len(times) % 2 else (times[len(times) // 2 - 1] + times[len(times) // 2]) / 2
    print(f"{best[0]:.6f} {best[1]} {median:.6f} {max(r for _, r in results)}")


if __name__ == "__main__":
    main()
