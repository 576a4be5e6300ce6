"""sinkron's built-in plugins (registered from :data:`sinkron.plugins.defaults.DEFAULT_PLUGINS`)."""
