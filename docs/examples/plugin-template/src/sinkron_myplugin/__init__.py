"""sinkron-myplugin: a connector, a rule and an exporter for sinkron (see README.md)."""
