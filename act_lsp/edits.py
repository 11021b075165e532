"""Pure helpers that turn a translation into an LSP ``WorkspaceEdit`` for the target file.

The result is always the whole target file: a file translation replaces (or creates) it, and a selection is
appended to the existing file and the merged file goes through the language's fixer again, so a Go
snippet's ``package``/``import`` lines merge into the file's instead of breaking it.
"""

from __future__ import annotations

from lsprotocol import types

from act_lsp.sanitize import tidy

ANNOTATION_ID = "act.translation"


def merged_target(target_language: str, existing: str | None, code: str, kind: str) -> str:
    if existing is None or kind == "file" or not existing.strip():
        return code
    return tidy(target_language, existing.rstrip("\n") + "\n\n" + code)


def end_position(text: str, encoding: str | None) -> types.Position:
    lines = text.split("\n")
    last = lines[-1]
    if encoding == types.PositionEncodingKind.Utf8:
        width = len(last.encode("utf-8"))
    elif encoding == types.PositionEncodingKind.Utf32:
        width = len(last)
    else:  # UTF-16 is the protocol's default
        width = len(last.encode("utf-16-le")) // 2
    return types.Position(line=len(lines) - 1, character=width)


def workspace_edit(*, target_uri: str, existing: str | None, new_text: str, label: str, description: str,
                   annotate: bool, document_changes: bool, can_create: bool, encoding: str | None,
                   ) -> types.WorkspaceEdit:
    """Create or replace ``target_uri`` with ``new_text``, as richly as the client supports."""
    start = types.Position(line=0, character=0)
    rng = types.Range(start=start, end=end_position(existing, encoding) if existing is not None else start)
    if annotate:
        edit: types.TextEdit = types.AnnotatedTextEdit(range=rng, new_text=new_text, annotation_id=ANNOTATION_ID)
    else:
        edit = types.TextEdit(range=rng, new_text=new_text)
    if not document_changes:
        return types.WorkspaceEdit(changes={target_uri: [edit]})
    changes: list = []
    if existing is None and can_create:
        changes.append(types.CreateFile(uri=target_uri, options=types.CreateFileOptions(ignore_if_exists=True),
                                        annotation_id=ANNOTATION_ID if annotate else None))
    changes.append(types.TextDocumentEdit(
        text_document=types.OptionalVersionedTextDocumentIdentifier(uri=target_uri, version=None), edits=[edit]))
    annotations = None
    if annotate:
        annotations = {ANNOTATION_ID: types.ChangeAnnotation(label=label, needs_confirmation=True,
                                                             description=description)}
    return types.WorkspaceEdit(document_changes=changes, change_annotations=annotations)


def contains_generated(final_text: str, generated: str) -> bool:
    """Whether the user kept the generated code as it was (whitespace aside)."""
    squash = "".join
    return squash(generated.split()) in squash(final_text.split())
