"""ACT trainer: synthetic data, validation, LoRA finetuning, evaluation and the ``act-train`` CLI."""

__version__ = "0.1.0"
