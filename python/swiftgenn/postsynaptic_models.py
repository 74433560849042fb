"""SwiftGeNN's built-in postsynaptic models and snippets, as PyGeNN's ``pygenn.postsynaptic_models``:
each is a function returning its description (``postsynaptic_models.NAME()``); ``dir()`` lists them."""

from ._models import builtin_namespace

__getattr__, __dir__ = builtin_namespace("postsynaptic")
