"""SwiftGeNN's built-in weight update models and snippets, as PyGeNN's ``pygenn.weight_update_models``:
each is a function returning its description (``weight_update_models.NAME()``); ``dir()`` lists them."""

from ._models import builtin_namespace

__getattr__, __dir__ = builtin_namespace("weight_update")
