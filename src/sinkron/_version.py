"""sinkron's version, on the lowest floor so that any module may print it (re-exported as ``sinkron.__version__``)."""

__version__ = "0.1.0"
