"""Language recipes: how to compile and run a program, as data.

Adding a language means adding a row here (and its toolchain to the image's package list), not code.
Commands are argv lists; ``{workdir}`` expands to the job's fresh directory inside the sandbox.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

# Java is started with settings that favour many short runs over peak throughput.
_JVM = ("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto")

# Linking Rust's std dynamically cuts a test build from ~0.41 s to ~0.14 s; rpath finds it on hosts too.
_RUSTC = ("rustc", "--edition", "2021", "-A", "warnings", "-C", "prefer-dynamic", "-C", "rpath")

# The image's precompiled <bits/stdc++.h> (sandbox/Dockerfile); its flags must match the cpp recipe's.
_PCH = ("-I", "/opt/act/pch")

_GO_MOD = "module act\n\ngo 1.18\n"
_GO_ENV = {"GOCACHE": "{workdir}/.cache/go-build", "GOPATH": "{workdir}/.go", "GOPROXY": "off",
           "GOFLAGS": "-mod=mod", "GOTOOLCHAIN": "local", "CGO_ENABLED": "0"}
# Offline cargo: crates come from Debian's librust-*-dev packages in the image, never from a registry.
_CARGO_CONFIG = (
    "[source.crates-io]\nreplace-with = \"debian\"\n\n"
    "[source.debian]\ndirectory = \"/usr/share/cargo/registry\"\n\n[net]\noffline = true\n"
)


def go_package_main(code: str) -> str:
    """Go test harnesses need ``package main``: add the clause, or rename another package."""
    if re.search(r"^\s*package\s+\w+", code, flags=re.M):
        return re.sub(r"^(\s*)package\s+\w+", r"\1package main", code, count=1, flags=re.M)
    return "package main\n\n" + code


def go_package_library(code: str) -> str:
    """Compile checks build a library package, so a file without ``func main`` is not a link error."""
    return re.sub(r"^(\s*)package\s+main\b", r"\1package act", go_package_main(code), count=1, flags=re.M)


@dataclass(frozen=True, kw_only=True)
class Recipe:
    name: str
    language: str
    main_file: str  # where the program text goes
    run: tuple[str, ...]
    compile: tuple[str, ...] | None = None
    static_files: Mapping[str, str] = field(default_factory=dict)  # written into every job of this recipe
    env: Mapping[str, str] = field(default_factory=dict)
    tests_file: str | None = None  # unit tests in their own file; None: appended to the main file
    prepare: Callable[[str], str] = lambda code: code  # fix-ups a runnable file needs (e.g. Go's package)
    description: str = ""


RECIPES: Mapping[str, Recipe] = MappingProxyType({
    r.name: r
    for r in (
        Recipe(name="java", language="java", main_file="Main.java",
               compile=("javac", "-J-XX:+UseSerialGC", "-J-XX:TieredStopAtLevel=1",
                        "-J-XX:SharedArchiveFile=/opt/act/javac.jsa", "-encoding", "UTF-8",
                        "-d", ".", "Main.java"),
               run=("java", *_JVM, "-cp", ".", "Main"),
               description="javac + java Main (a Java test is a Main whose main() throws on failure)"),
        Recipe(name="go", language="go", main_file="main.go", static_files={"go.mod": _GO_MOD}, env=_GO_ENV,
               compile=("go", "build", "-o", "prog", "."), run=("./prog",),
               description="go build + run"),
        Recipe(name="go_test", language="go", main_file="main.go", static_files={"go.mod": _GO_MOD}, env=_GO_ENV,
               compile=("go", "test", "-c", "-vet=off", "-o", "prog.test", "."),
               run=("./prog.test", "-test.count=1"), tests_file="main_test.go", prepare=go_package_main,
               description="go test -vet=off, split into compile (-c) and run; tests go in main_test.go"),
        Recipe(name="go_check", language="go", main_file="main.go", static_files={"go.mod": _GO_MOD}, env=_GO_ENV,
               compile=("go", "build", "."), run=("true",), prepare=go_package_library,
               description="compile check only: the file is built as a library package"),
        Recipe(name="cpp", language="cpp", main_file="main.cpp",
               compile=("g++", "-std=c++17", "-O1", *_PCH, "-o", "prog", "main.cpp"), run=("./prog",),
               description="g++ -std=c++17 (a C++ test is a main() with assert)"),
        Recipe(name="rust", language="rust", main_file="main.rs",
               compile=(*_RUSTC, "-o", "prog", "main.rs"), run=("./prog",),
               description="rustc --edition 2021 + run"),
        Recipe(name="rust_test", language="rust", main_file="main.rs",
               compile=(*_RUSTC, "--test", "-o", "prog", "main.rs"),
               run=("./prog",),
               description="rustc --edition 2021 --test: the #[cfg(test)] module is appended to main.rs"),
        Recipe(name="rust_check", language="rust", main_file="main.rs",
               compile=("rustc", "--edition", "2021", "--crate-type", "lib", "--emit=metadata", "-A", "warnings",
                        "-o", "check.rmeta", "main.rs"),
               run=("true",), description="compile check only (type-checks as a library crate)"),
        Recipe(name="rust_check_json", language="rust", main_file="main.rs",
               compile=("rustc", "--edition", "2021", "--crate-type", "lib", "--emit=metadata", "-A", "warnings",
                        "--error-format=json", "-o", "check.rmeta", "main.rs"),
               run=("true",), description="compile check with rustc's JSON diagnostics (suggested fixes)"),
        Recipe(name="rust_cargo_test", language="rust", main_file="src/main.rs",
               static_files={".cargo/config.toml": _CARGO_CONFIG},
               env={"CARGO_HOME": "{workdir}/.cargo-home", "CARGO_TARGET_DIR": "{workdir}/target",
                    "CARGO_NET_OFFLINE": "true"},
               compile=("cargo", "test", "--offline", "--no-run", "-q",
                        "--config", "{workdir}/.cargo/config.toml"),
               run=("cargo", "test", "--offline", "-q", "--config", "{workdir}/.cargo/config.toml"),
               description="cargo test with Debian-packaged crates (md5, regex); the job supplies Cargo.toml"),
    )
})


def cargo_manifest(crates: Mapping[str, str], name: str = "act_job") -> str:
    """A Cargo.toml for ``rust_cargo_test`` jobs; ``crates`` maps crate name to a TOML dependency value."""
    deps = "".join(f"{crate} = {spec}\n" for crate, spec in sorted(crates.items()))
    return f'[package]\nname = "{name}"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n{deps}'


def get_recipe(name: str) -> Recipe:
    try:
        return RECIPES[name]
    except KeyError:
        raise ValueError(f"unknown sandbox recipe {name!r}; known: {', '.join(sorted(RECIPES))}") from None


# The recipe that runs a language's unit tests, and the one used when external crates are needed.
TEST_RECIPES: Mapping[str, str] = MappingProxyType({"go": "go_test", "rust": "rust_test", "java": "java", "cpp": "cpp"})
CRATE_TEST_RECIPES: Mapping[str, str] = MappingProxyType({"rust": "rust_cargo_test"})
# Crates the image carries (Debian's librust-*-dev), as the TOML dependency value to ask cargo for.
# Debian's regex lacks the optional crates of its default "perf" feature, hence no default features.
IMAGE_CRATES: Mapping[str, str] = MappingProxyType({
    "md5": '"0.7"',
    "regex": '{ version = "1", default-features = false, features = ["std", "unicode"] }',
})
