"""ACT runtime: what serving needs (language pairs, model store, sandbox client, engine, server).

Nothing here imports torch or transformers, so the language server starts fast.
"""

__version__ = "0.1.0"
