"""The sandbox against the real Docker engine: per-language statuses and hostile programs."""

from __future__ import annotations

import time

import pytest

from act_lsp.sandbox import Job, Limits
from act_lsp.sandbox.docker_client import docker_client

pytestmark = pytest.mark.docker

PROGRAMS = {
    # recipe: (passing, failing test, compile error)
    "java": (
        'public class Main { public static void main(String[] a) { System.out.println("ok"); } }',
        'public class Main { public static void main(String[] a) { if (1 + 1 != 3) throw new AssertionError("x"); } }',
        "public class Main { public static void main(String[] a) { int x = \"s\"; } }",
    ),
    "go": (
        'package main\nimport "fmt"\nfunc main() { fmt.Println("ok") }\n',
        'package main\nimport "os"\nfunc main() { os.Exit(1) }\n',
        'package main\nimport "fmt"\nfunc main() { }\n',  # unused import: a Go compile error
    ),
    "cpp": (
        '#include <cstdio>\nint main() { puts("ok"); }\n',
        "#include <cassert>\nint main() { assert(1 + 1 == 3); }\n",
        "int main() { undefined_fn(); }\n",
    ),
    "rust": (
        'fn main() { println!("ok"); }',
        "fn main() { assert_eq!(1 + 1, 3); }",
        'fn main() { let x: i32 = "s"; }',
    ),
}


@pytest.mark.parametrize("recipe", sorted(PROGRAMS))
def test_pass_fail_compile_error(sandbox_pool, recipe):
    good, bad, broken = PROGRAMS[recipe]
    results = sandbox_pool.run_batch([Job.of(recipe, good), Job.of(recipe, bad), Job.of(recipe, broken)])
    assert [r.status for r in results] == ["passed", "failed", "compile_error"], results
    assert "ok" in results[0].stdout
    assert results[2].phase == "compile" and results[2].stderr
    assert results[0].compile_seconds > 0 and results[0].run_seconds > 0


def test_test_forms(sandbox_pool):
    go_tests = 'package main\nimport "testing"\nfunc TestAdd(t *testing.T) { if Add(2, 2) != 4 { t.Fatal("bad") } }\n'
    rs_tests = "#[cfg(test)]\nmod tests {\n use super::*;\n #[test]\n fn t() { assert_eq!(add(2, 2), 4); }\n}\n"
    jobs = [
        Job.with_tests("go_test", "package x\nfunc Add(a, b int) int { return a + b }\n", go_tests),
        Job.with_tests("go_test", "func Add(a, b int) int { return a - b }\n", go_tests),
        Job.with_tests("rust_test", "fn add(a: i32, b: i32) -> i32 { a + b }", rs_tests),
        Job.with_tests("rust_test", "fn add(a: i32, b: i32) -> i32 { a * 3 }", rs_tests),
    ]
    assert [r.status for r in sandbox_pool.run_batch(jobs)] == ["passed", "failed", "passed", "failed"]


def _then_next_job_passes(pool):
    result = pool.run(Job.of("cpp", '#include <cstdio>\nint main() { puts("alive"); }\n'))
    assert result.status == "passed" and "alive" in result.stdout, result
    docker_client().ping()  # the engine is still healthy


SHORT = Limits(run_timeout=4, compile_timeout=60)

HOSTILE = {
    "fork_bomb": ("#include <unistd.h>\nint main() { for (;;) fork(); }\n", "timeout"),
    "memory_hog": (
        "#include <cstdlib>\n#include <cstring>\n"
        "int main() { for (;;) { char* p = (char*)malloc(64 << 20); if (p) memset(p, 1, 64 << 20); } }\n",
        "memory_limit",
    ),
    "infinite_loop": ("int main() { volatile long i = 0; for (;;) i++; }\n", "timeout"),
    "stdout_flood": (
        "#include <cstdio>\n#include <cstring>\nint main() { static char b[1 << 20]; memset(b, 'x', sizeof b);"
        " for (int i = 0; i < 100; i++) fwrite(b, 1, sizeof b, stdout); }\n",
        "output_limit",
    ),
    "sleep_past_timeout": ("#include <unistd.h>\nint main() { sleep(120); }\n", "timeout"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_program_is_contained(solo_pool, name):
    source, expected = HOSTILE[name]
    start = time.monotonic()
    result = solo_pool.run(Job.of("cpp", source, limits=SHORT))
    assert result.status == expected, result
    assert time.monotonic() - start < 60
    if name == "stdout_flood":
        assert len(result.stdout) <= SHORT.output_limit
    _then_next_job_passes(solo_pool)


NETWORK = r"""
#include <arpa/inet.h>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>
int try_connect(const char* ip, int port) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{}; a.sin_family = AF_INET; a.sin_port = htons(port); inet_pton(AF_INET, ip, &a.sin_addr);
  int r = connect(s, (sockaddr*)&a, sizeof a); close(s); return r;
}
int main() {
  // 192.0.2.1 is TEST-NET-1 (RFC 5737): never routed anywhere, and with no network it cannot leave anyway.
  int local = try_connect("127.0.0.1", 2375), outside = try_connect("192.0.2.1", 80);
  printf("local=%d outside=%d\n", local, outside);
  return (local == 0 || outside == 0) ? 1 : 0;
}
"""


def test_no_network(solo_pool):
    result = solo_pool.run(Job.of("cpp", NETWORK, limits=SHORT))
    assert result.status == "passed", result
    assert "local=-1 outside=-1" in result.stdout
    _then_next_job_passes(solo_pool)


WRITES = r"""
#include <cstdio>
int main() {
  const char* outside[] = {"/etc/act-pwned", "/usr/bin/act-pwned", "/opt/act/runner.py", "/act-pwned",
                           "/var/act-pwned", "/home/act-pwned"};
  int escaped = 0;
  for (const char* p : outside) { FILE* f = fopen(p, "a"); if (f) { printf("wrote %s\n", p); fclose(f); escaped++; } }
  FILE* t = fopen("/tmp/left-behind", "w"); if (t) { fputs("x", t); fclose(t); }
  FILE* w = fopen("in-workdir.txt", "w"); if (!w) return 2; fclose(w);
  return escaped;
}
"""

CHECK_CLEAN = r"""
#include <cstdio>
#include <dirent.h>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>
int main() {
  if (FILE* t = fopen("/tmp/left-behind", "r")) { puts("tmp not cleaned"); fclose(t); return 1; }
  DIR* d = opendir("/proc"); int strays = 0;
  while (dirent* e = readdir(d)) {
    if (!atoi(e->d_name) || atoi(e->d_name) == getpid()) continue;
    std::string p = std::string("/proc/") + e->d_name + "/comm";
    if (FILE* f = fopen(p.c_str(), "r")) { char c[64] = {0}; fgets(c, sizeof c, f); fclose(f);
      if (strstr(c, "sleep") || strstr(c, "prog")) { printf("stray %s %s", e->d_name, c); strays++; } }
  }
  return strays ? 1 : 0;
}
"""


def test_writes_outside_workdir_fail_and_tmp_is_cleaned(solo_pool):
    result = solo_pool.run(Job.of("cpp", WRITES, limits=SHORT))
    assert result.status == "passed", result
    after = solo_pool.run(Job.of("cpp", CHECK_CLEAN, limits=SHORT))
    assert after.status == "passed", after
    assert solo_pool.replaced == 0  # the same warm container ran both


BACKGROUND = r"""
#include <unistd.h>
#include <cstdlib>
int main() {
  if (fork() == 0) { setsid(); if (fork() == 0) { execlp("sleep", "sleep", "1000", (char*)0); } _exit(0); }
  system("sleep 999 &");
  return 0;
}
"""


def test_background_processes_are_killed(solo_pool):
    result = solo_pool.run(Job.of("cpp", BACKGROUND, limits=SHORT))
    assert result.status == "passed", result
    assert result.run_seconds < 3  # a left-behind child holding the pipes does not stall the job
    after = solo_pool.run(Job.of("cpp", CHECK_CLEAN, limits=SHORT))
    assert after.status == "passed", after.stdout
    assert solo_pool.replaced == 0


def test_container_is_locked_down(solo_pool):
    solo_pool.run(Job.of("cpp", "int main() {}\n"))
    (container,) = list(solo_pool.engines[0].containers)
    container.reload()
    host = container.attrs["HostConfig"]
    assert host["ReadonlyRootfs"] is True
    assert host["NetworkMode"] == "none"
    assert host["CapDrop"] == ["ALL"] and "no-new-privileges" in host["SecurityOpt"]
    assert host["Memory"] == host["MemorySwap"] == 512 << 20
    assert host["PidsLimit"] == 256 and host["NanoCpus"] == 1_000_000_000
    assert container.attrs["Config"]["User"] == "1000:1000"
    assert not any("docker.sock" in (m.get("Source") or "") for m in container.attrs["Mounts"])
    assert not host.get("Binds")
    assert set(host["Tmpfs"]) == {"/work", "/tmp"}


def test_containers_of_a_killed_process_are_reaped(tmp_path):
    import signal
    import subprocess
    import sys

    from act_lsp.sandbox.pool import LABEL, OWNER_LABEL, reap_orphans

    script = ("from act_lsp.sandbox import Job, SandboxPool\nimport sys, time\npool = SandboxPool()\n"
              "pool.run(Job.of('cpp', 'int main(){}'))\nprint('ready', flush=True)\ntime.sleep(300)\n")
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        owner = f":{child.pid}"
        mine = [c for c in docker_client().containers.list(all=True, filters={"label": LABEL})
                if c.labels.get(OWNER_LABEL, "").endswith(owner)]
        assert len(mine) == 1
        child.send_signal(signal.SIGKILL)  # no atexit, no close: the container is orphaned
        child.wait(30)
        assert reap_orphans() >= 1
        left = [c for c in docker_client().containers.list(all=True, filters={"label": LABEL})
                if c.labels.get(OWNER_LABEL, "").endswith(owner)]
        assert left == []
    finally:
        child.kill()
