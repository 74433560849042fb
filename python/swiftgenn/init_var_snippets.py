"""SwiftGeNN's built-in init var models and snippets, as PyGeNN's ``pygenn.init_var_snippets``:
each is a function returning its description (``init_var_snippets.NAME()``); ``dir()`` lists them."""

from ._models import builtin_namespace

__getattr__, __dir__ = builtin_namespace("init_var")
