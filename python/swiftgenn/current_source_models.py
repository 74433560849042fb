"""SwiftGeNN's built-in current source models and snippets, as PyGeNN's ``pygenn.current_source_models``:
each is a function returning its description (``current_source_models.NAME()``); ``dir()`` lists them."""

from ._models import builtin_namespace

__getattr__, __dir__ = builtin_namespace("current_source")
