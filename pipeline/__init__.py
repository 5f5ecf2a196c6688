"""Vietnamese local-government news articles -> a validated economic-indicator time series."""

__version__ = "0.3.0"
