"""SwiftGeNN's built-in custom update models and snippets, as PyGeNN's ``pygenn.custom_update_models``:
each is a function returning its description (``custom_update_models.NAME()``); ``dir()`` lists them."""

from ._models import builtin_namespace

__getattr__, __dir__ = builtin_namespace("custom_update")
