"""``act-lsp --check`` and the editors' health checks: is each part ready, and if not, what fixes it."""

from __future__ import annotations

import json
import sys

from act_lsp import model_store, store


def health() -> dict:
    report: dict = {}
    try:
        report["model"] = {"ok": True, "path": str(model_store.resolve_model_path(None))}
    except model_store.ModelError as exc:
        report["model"] = {"ok": False, "error": str(exc)}
    try:
        db = store.open_db()
        report["database"] = {"ok": True, "path": db.display}
    except store.StoreError as exc:
        report["database"] = {"ok": False, "error": str(exc)}
    try:
        from act_lsp.sandbox.image import require_image

        report["sandbox"] = {"ok": True, "image": require_image()}
    except Exception as exc:  # Docker missing entirely is a message here, not a crash
        report["sandbox"] = {"ok": False, "error": str(exc), "needed_for": "verify = compile | tests"}
    return report


def print_health() -> int:
    report = health()
    json.dump(report, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0 if report["model"]["ok"] and report["database"]["ok"] else 1
