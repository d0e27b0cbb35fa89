"""Keep, check and publish a self-assessment against the Housing Ombudsman's Complaint Handling Code."""

__version__ = "0.1.0"
