"""Values every scheme shares: money, periods, allocation keys and rounding, proration, regions, findings, names."""
