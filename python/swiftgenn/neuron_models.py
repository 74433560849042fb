"""SwiftGeNN's built-in neuron models and snippets, as PyGeNN's ``pygenn.neuron_models``:
each is a function returning its description (``neuron_models.NAME()``); ``dir()`` lists them."""

from ._models import builtin_namespace

__getattr__, __dir__ = builtin_namespace("neuron")
