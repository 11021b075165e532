"""Turn raw model output into a target file: strip fences and prose, fix what small models always get wrong.

Pure functions, one table entry per target language. Go fails a build on a missing or an unused import, so
its imports are recomputed from use (a small, standard-library-only goimports); Rust rejects a repeated
``use`` (E0252), so duplicates are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

_FENCE = re.compile(r"```[\w+#-]*[ \t]*\n(.*?)(?:\n```|\Z)", re.S)
_CHAT_TOKENS = re.compile(r"<\|(?:im_end|im_start|endoftext|end|eot_id)\|>.*", re.S)


def extract_code(text: str) -> str:
    """The code in a reply: the first fenced block, else everything before a closing fence (a completion)."""
    text = _CHAT_TOKENS.sub("", text)
    fenced = _FENCE.search(text)
    if fenced and "{" not in text[: fenced.start()]:  # else: a completion that ran on into an example block
        return fenced.group(1).rstrip() + "\n"
    code = text.split("```", 1)[0]
    return code.rstrip() + "\n" if code.strip() else ""


def _balance_braces(code: str) -> str:
    """Cut trailing prose after the last top-level closing brace; close braces the model left open."""
    depth, last_close = 0, -1
    in_str: str | None = None
    i = 0
    while i < len(code):
        ch = code[i]
        if in_str:
            if ch == "\\":
                i += 2
                continue
            if ch == in_str or (ch == "\n" and in_str != "`"):
                in_str = None
        elif code.startswith("//", i):
            nl = code.find("\n", i)
            i = len(code) if nl < 0 else nl
            continue
        elif code.startswith("/*", i):
            end = code.find("*/", i + 2)
            i = len(code) if end < 0 else end + 2
            continue
        elif ch in "\"`":
            in_str = ch
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                last_close = i
        i += 1
    if depth > 0:
        return code.rstrip() + "\n" + "}\n" * depth
    if depth == 0 and last_close >= 0:
        tail = code[last_close + 1:]
        if tail.strip() and not re.search(r"^\s*(func|fn|type|var|const|impl|struct|enum|use|pub|#\[|//)", tail,
                                           re.M):
            return code[: last_close + 1] + "\n"
    return code


# --- Go ---------------------------------------------------------------------------------------------
GO_STD_PACKAGES = {
    "fmt": "fmt", "strings": "strings", "strconv": "strconv", "math": "math", "sort": "sort", "unicode": "unicode",
    "errors": "errors", "bytes": "bytes", "os": "os", "time": "time", "utf8": "unicode/utf8", "regexp": "regexp",
    "big": "math/big", "bits": "math/bits", "rand": "math/rand", "md5": "crypto/md5", "hex": "encoding/hex",
    "slices": "slices", "maps": "maps", "reflect": "reflect", "sync": "sync", "io": "io", "bufio": "bufio",
    "cmplx": "math/cmplx", "heap": "container/heap", "list": "container/list", "json": "encoding/json",
    "testing": "testing",
}
_GO_IMPORT_BLOCK = re.compile(r"^import\s*\((?:[^()]*)\)\s*\n|^import\s+(?:\w+\s+)?\"[^\"]+\"\s*\n", re.M)


def _strip_go_strings(code: str) -> str:
    code = re.sub(r"//[^\n]*", "", code)
    code = re.sub(r"/\*.*?\*/", "", code, flags=re.S)
    code = re.sub(r"`[^`]*`", '""', code)
    return re.sub(r'"(?:\\.|[^"\\\n])*"', '""', code)


def fix_go(code: str) -> str:
    code = _balance_braces(code)
    lines = code.splitlines()
    # One package clause, first; drop repeats the model wrote after the scaffold's.
    seen_package = False
    kept = []
    for line in lines:
        if re.match(r"^\s*package\s+\w+\s*$", line):
            if seen_package:
                continue
            seen_package = True
        kept.append(line)
    code = "\n".join(kept) + "\n"
    if not seen_package:
        code = "package main\n\n" + code
    body = _GO_IMPORT_BLOCK.sub("", code)
    declared_aliases = set(re.findall(r"^import\s+(\w+)\s+\"", code, re.M))
    scan = _strip_go_strings(body)
    used = sorted({path for name, path in GO_STD_PACKAGES.items() if re.search(rf"(?<![\w.]){name}\.\w", scan)})
    used += sorted(a for a in declared_aliases if a not in GO_STD_PACKAGES)  # keep unusual explicit imports
    header, _, rest = body.partition("\n")
    imports = ""
    if used:
        imports = "\nimport (\n" + "".join(f'\t"{p}"\n' for p in used) + ")\n"
    return header + "\n" + imports + "\n" + rest.lstrip("\n")


# --- Rust -------------------------------------------------------------------------------------------
def fix_rust(code: str) -> str:
    code = _balance_braces(code)
    seen: set[str] = set()
    out = []
    for line in code.splitlines():
        key = re.sub(r"\s+", "", line)
        if line.startswith("use ") and key in seen:
            continue
        if line.startswith("use "):
            seen.add(key)
        out.append(line)
    return "\n".join(out).rstrip() + "\n"


FIXERS: Mapping[str, Callable[[str], str]] = {"go": fix_go, "rust": fix_rust}


def sanitize(target_language: str, text: str, *, prefix: str = "") -> str:
    """``prefix`` is the scaffold the answer started with (it is not part of ``text``)."""
    code = extract_code(prefix + text)
    if not code.strip():
        return ""
    return FIXERS.get(target_language, lambda c: c)(code)
