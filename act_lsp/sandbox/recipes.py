"""Every sandbox recipe, gathered from the language modules (each holds its own: ``Language.recipes``).

Commands are argv lists; ``{workdir}`` expands to the job's fresh directory inside the sandbox.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from act_lsp.languages import LANGUAGES, Recipe

RECIPES: Mapping[str, Recipe] = MappingProxyType({
    recipe.name: recipe for language in LANGUAGES.values() for recipe in language.recipes
})


def get_recipe(name: str) -> Recipe:
    try:
        return RECIPES[name]
    except KeyError:
        raise ValueError(f"unknown sandbox recipe {name!r}; known: {', '.join(sorted(RECIPES))}") from None
