"""What a program declares, in no language: signatures, value types, the calls an io test makes and their
outcomes. Language modules (``act_lsp.languages``) read these from source code and write them as target code;
everything between (the scaffold, the io plan, the tests' outcomes) works on these alone."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Param:
    type: str
    name: str


@dataclass(frozen=True)
class Signature:
    name: str
    params: tuple[Param, ...]
    returns: str  # "" for void
    owner: str | None = None  # the class of an instance method or constructor
    constructor: bool = False
    throws: bool = False  # declares checked exceptions (Go: an extra error result)
    readonly: bool = False  # a C++ const method (Rust: &self rather than &mut self)
    scope: str | None = None  # the enclosing class, static members included (how source-side drivers call it)
    private: bool = False  # not callable from outside its class
    static: bool = False  # a static member (called on the class, not an instance)
    # Not part of its identity: the definition as the source writes it (what a repair of its translation is
    # shown), the names it calls and whether its body throws (where a call that should fail fails in the source).
    source: str = field(default="", compare=False, repr=False)
    calls: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    raises: bool = field(default=False, compare=False, repr=False)


# --- value types, parsed from source spellings --------------------------------------------------------
@dataclass(frozen=True)
class VType:
    kind: str  # int, uint, float, bool, str, char, list, array, set, map, pair
    args: tuple[VType, ...] = ()
    spelling: str = ""  # how the source spells it (literals in the driver)


KEY_KINDS = ("int", "uint", "str", "char", "bool")  # what a map key / set item may be (Go map key, Rust HashSet)


@dataclass(frozen=True)
class Step:
    sig: Signature
    args: tuple[Any, ...]


@dataclass(frozen=True)
class Scenario:
    steps: tuple[Step, ...]  # a class scenario starts with its constructor
    owner: str | None = None


@dataclass(frozen=True)
class Outcome:
    throws: bool
    value: Any = None


# --- generic type parsing --------------------------------------------------------------------------
def split_top(text: str, sep: str = ",") -> list[str]:
    """Split on ``sep`` outside <>, (), []."""
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in "<([":
            depth += 1
        elif ch in ">)]":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    if "".join(cur).strip():
        parts.append("".join(cur).strip())
    return parts


def generic(t: str) -> tuple[str, list[str]]:
    """``Map<K, V>`` → ("Map", ["K", "V"]); a type without arguments → (itself, [])."""
    m = re.fullmatch(r"([\w:.]+)\s*<(.*)>", t.strip(), flags=re.S)
    return (m.group(1), split_top(m.group(2))) if m else (t.strip(), [])


def with_default_constructors(sigs: list[Signature], state: Mapping[str, str] | None = None) -> list[Signature]:
    """A class with state but no declared constructor still gets one (Go ``NewX()``, Rust ``X::new()``), placed
    before its first method, so callers and tests have a way to build it. Its source is the class's field
    declarations (``state``): the values they start with are what it must write."""
    declared = {s.owner for s in sigs if s.constructor}
    out: list[Signature] = []
    for s in sigs:
        if s.owner and s.owner not in declared:
            declared.add(s.owner)
            out.append(Signature(s.owner, (), "", owner=s.owner, constructor=True, scope=s.owner,
                                 source=(state or {}).get(s.owner, "")))
        out.append(s)
    return out


def error_closure(bases: Mapping[str, str | list[str]], is_error: Callable[[str], bool]) -> set[str]:
    """The classes whose base is an error, or a class of this file that is one."""
    errors: set[str] = set()
    while True:
        found = {name for name, base in bases.items()
                 if any(is_error(b) or b in errors for b in ([base] if isinstance(base, str) else base))}
        if found <= errors:
            return errors
        errors |= found


# --- literals shared by languages that spell them alike --------------------------------------------------
def char_literal(v: str) -> str:
    """A character literal in every language here (Java, C++, Go runes, Rust)."""
    return {"'": "'\\''", "\\": "'\\\\'"}.get(v, f"'{v}'")


def c_scalar(vt: VType, v: Any, string: Callable[[str], str]) -> str | None:
    """Java and C++ spell booleans, characters and numbers alike; None for the other kinds."""
    if vt.kind == "bool":
        return "true" if v else "false"
    if vt.kind == "char":
        return char_literal(v)
    if vt.kind == "str":
        return string(v)
    return None


def float_literal(v: Any, nan: str, inf: str, ninf: str) -> str:
    f = float(v)
    if math.isnan(f):
        return nan
    if math.isinf(f):
        return inf if f > 0 else ninf
    return repr(f)


def set_items(value: list) -> list:
    """A set's values as a literal lists them (recorded sorted by the planner)."""
    return list(value)
