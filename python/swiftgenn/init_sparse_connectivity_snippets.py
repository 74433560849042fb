"""SwiftGeNN's built-in sparse connectivity models and snippets, as PyGeNN's ``pygenn.init_sparse_connectivity_snippets``:
each is a function returning its description (``init_sparse_connectivity_snippets.NAME()``); ``dir()`` lists them."""

from ._models import builtin_namespace

__getattr__, __dir__ = builtin_namespace("sparse_connectivity")
