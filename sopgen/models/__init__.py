"""Typed content models: what a site's YAML files mean once validated."""
